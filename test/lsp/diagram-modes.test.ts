import { readFileSync } from 'node:fs';
import { Cancellation } from 'langium';
import { ResponseError } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import type { DiagramParams, DiagramRequestResponse } from '../../language-server/src/lsp/diagram-requests.js';
import { DIAGRAM_REQUEST, registerDiagramRequests } from '../../language-server/src/lsp/diagram-requests.js';
import { buildWorkspace } from '../helpers.js';

type Handler = (params: unknown, token: Cancellation.CancellationToken) => Promise<unknown>;

const seed = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');
/** The return path broken as test/cli/trace.test.ts breaks it: dc1 comes back through hub2's NVA. */
const returnBroken = seed
    .replace('connections: [dc2]', 'connections: [dc2, dc1]')
    .replace('bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }')
    .replace('bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1');

async function ask(text: string, params: Omit<DiagramParams, 'uri'>): Promise<DiagramRequestResponse> {
    const { services, documents } = await buildWorkspace(text);
    const handlers = new Map<string, Handler>();
    registerDiagramRequests(services.shared, services.Azrs, { onRequest: (m: string, h: Handler) => handlers.set(m, h) } as unknown as Connection);
    const token = new Cancellation.CancellationTokenSource().token;
    return await handlers.get(DIAGRAM_REQUEST)!({ uri: documents[0].uri.toString(), ...params }, token) as DiagramRequestResponse;
}

const names = (r: DiagramRequestResponse, ids: readonly string[]) => ids.map(id => r.model.nodes.find(n => n.id === id)?.name);

describe('azrs/diagram: trace and failure modes (the editor\'s diagram)', () => {
    it('with trace, returns the model with the forward path and the reply through hub1\'s NVA, nothing blocked', async () => {
        const r = await ask(seed, { trace: { from: 'app-vm', to: '10.2.13.10' } });
        expect(r.model.trace).toMatchObject({ from: 'app-vm', to: '10.2.13.10', disposition: 'delivered', returnDisposition: 'delivered', blocking: [] });
        expect(names(r, r.model.trace!.forward)).toEqual(['app-vm', 'nva1', 'ergw1', 'dc1']);
        expect(names(r, r.model.trace!.reply)).toEqual(['dc1', 'ergw1', 'nva1', 'app-vm']);
        // The layout is the request's: every traced node has a box.
        for (const id of r.model.trace!.forward) expect(r.layout.nodes[id]).toBeTruthy();
    });

    it('with trace over a broken return path, marks the NVAs that see one direction only', async () => {
        const r = await ask(returnBroken, { trace: { from: 'app-vm', to: 'dc1' } });
        expect(names(r, r.model.trace!.blocking)).toEqual(['nva1', 'nva2']);
        expect(r.model.trace!.reason).toBe('asymmetric: nva1, nva2 see one direction only');
    });

    it('with failure, returns the topology under that failure and the list to pick from', async () => {
        const r = await ask(seed, { failure: 'nva1' });
        expect(r.failures.slice(0, 3)).toEqual(['nva1', 'nva2', 'ergw1->dc1']);
        expect(r.model.nodes.find(n => n.name === 'nva1')?.down).toBe(true);
        expect(r.model.nodes.find(n => n.name === 'nva2')?.down).toBeFalsy();
        const base = await ask(seed, {});
        expect(base.model.nodes.find(n => n.name === 'nva1')?.down).toBeFalsy();
        expect(base.model.trace).toBeUndefined();
    });

    it('what a failure takes out stays drawn where it stood, down: a route server with its sessions, a connection', async () => {
        const base = await ask(seed, {});
        const rs = await ask(seed, { failure: 'rs1' });
        // The same nodes and edges as without the failure, in the same order, so nothing moves away.
        expect(rs.model.nodes.map(n => n.id)).toEqual(base.model.nodes.map(n => n.id));
        expect(rs.model.edges.map(e => e.id)).toEqual(base.model.edges.map(e => e.id));
        const rs1 = rs.model.nodes.find(n => n.id === 'rs:rs1')!;
        expect(rs1).toMatchObject({ down: true, sublabel: 'Route Server · b2b · down' });
        expect(rs1.details[0]).toBe('Route Server rs1 (AS 65515) (down: rs1 failed)');
        const downEdges = rs.model.edges.filter(e => e.down).map(e => [e.id, e.down, e.labels.map(l => l.text)]);
        expect(downEdges).toEqual([
            ['bgp:nva1<->rs1', 'rs1 failed', ['down: rs1 failed']],
            ['branch-to-branch:rs1<->ergw1', 'rs1 failed', ['down: rs1 failed']]
        ]);
        expect(rs.model.nodes.filter(n => n.down).map(n => n.id)).toEqual(['rs:rs1']);
        expect(rs.layout.nodes['rs:rs1']).toBeDefined();

        const firewallHub = readFileSync(new URL('../whatif/firewall-hub.azrs', import.meta.url), 'utf8');
        const firewall = await ask(firewallHub, { failure: 'azfw' });
        expect(firewall.model.nodes.filter(n => n.down).map(n => [n.id, n.sublabel])).toEqual([['fw:azfw', 'Azure Firewall · 10.1.4.4 · down']]);

        const connection = await ask(seed, { failure: 'ergw1->dc1' });
        expect(connection.model.edges.filter(e => e.down).map(e => [e.id, e.down])).toEqual([['connection:ergw1<->dc1', 'ergw1->dc1 failed']]);
        expect(connection.model.nodes.filter(n => n.down)).toEqual([]);
    });

    it('a bad trace or failure is a request error naming what is wrong', async () => {
        await expect(ask(seed, { trace: { from: 'nope', to: '10.0.0.1' } })).rejects.toThrow(/from: unknown VM, NVA, firewall or onprem site 'nope'/);
        await expect(ask(seed, { trace: { from: 'app-vm', to: 'hub1' } })).rejects.toThrow(/to: 'hub1' is a VNet/);
        const bad = ask(seed, { failure: 'nva9' });
        await expect(bad).rejects.toBeInstanceOf(ResponseError);
        await expect(bad).rejects.toThrow(/failure: no failure named 'nva9'/);
    });
});

describe('the failure lens opens the diagram on its failure', () => {
    it('puts "show in diagram" beside each failure lens, with the failure name and the document', async () => {
        const { services, documents } = await buildWorkspace(seed);
        const uri = documents[0].uri.toString();
        const lenses = (await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri } }))!
            .filter(l => l.command!.command === 'azrs.showFailureDiagram');
        expect(lenses.map(l => l.command!.arguments)).toEqual(['rs1', 'ergw1', 'nva1', 'rs2', 'ergw2', 'nva2', 'rs0'].map(n => [n, uri]));
        expect(new Set(lenses.map(l => l.command!.title))).toEqual(new Set(['show in diagram']));
    });
});
