import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureReportOf } from '../../language-server/src/analysis/failover-cache.js';
import { formatFailoverMarkdown } from '../../language-server/src/whatif/index.js';
import { buildWorkspace } from '../helpers.js';

const seed = readFileSync(new URL('../../samples/dual-homed-er/dual-homed-er.azrs', import.meta.url), 'utf8');

describe('code lens: what a failure breaks', () => {
    it('puts a lens on each NVA, gateway and route server, in file order, with what its failure cuts off', async () => {
        const { services, documents } = await buildWorkspace(seed);
        const lenses = (await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } }))!
            .filter(l => l.command!.command === 'azrs.showFailover');
        const text = documents[0].textDocument;
        expect(lenses.map(l => `${text.getText(l.range).split(/\s+/).slice(0, 2).join(' ')}: ${l.command!.title}`)).toEqual([
            'routeServer rs1: if both instances fail: 1 VM loses 10.2.20.0/25, 1 VM loses 10.2.13.0/25',
            'gateway ergw1: if both instances fail: 2 VMs lose 10.2.13.0/25',
            'nva nva1: if down: 1 VM loses 10.2.20.0/25, 1 VM loses 10.2.13.0/25',
            'routeServer rs2: if both instances fail: 2 VMs lose 10.2.20.0/25',
            'gateway ergw2: if both instances fail: 2 VMs lose 10.2.20.0/25',
            'nva nva2: if down: 2 VMs lose 10.2.20.0/25',
            'routeServer rs0: if both instances fail: 1 VM loses 10.2.20.0/25, 1 VM loses 10.2.13.0/25, 10.2.20.0/25'
        ]);
        expect(lenses[2].command!.arguments).toEqual(['nva1']);
    });

    it('the details behind a lens: the failure as azrs failover prints it', async () => {
        const { services } = await buildWorkspace(seed);
        const analysis = services.Azrs.analysis.WorkspaceAnalysis.get();
        const nva1 = analysis.built.topology.byName.get('nva1')!;
        const md = formatFailoverMarkdown(failureReportOf(analysis, services.Azrs.analysis.WorkspaceAnalysis.getSettings(), nva1 as never));
        expect(md.split('\n')[0]).toBe('### azrs failover: 1 failure tried; nva1 down cuts 2 VMs off a site prefix');
        expect(md).toContain('#### `nva1` (nva) down\n\n'
            + '- `hub1-vm` loses every route to `10.2.20.0/25` (before the failure: via nva1, learned by rs1)\n'
            + '- `app-vm` loses every route to `10.2.13.0/25` (before the failure: via nva1, learned by rs0)');
    });

    it('a large topology offers the simulation on a click instead of running it on every edit', async () => {
        const { generateTopology } = await import('../../bench/generate.js');
        const { services, documents } = await buildWorkspace(generateTopology(300).text);
        const lenses = (await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } }))!
            .filter(l => l.command!.command === 'azrs.showFailover');
        // Two hubs: two NVAs, a route server and a gateway each.
        expect(lenses).toHaveLength(8);
        expect(new Set(lenses.map(l => l.command!.title))).toEqual(new Set(['if down: click to simulate', 'if both instances fail: click to simulate']));
    });

    it('says nothing breaks when nothing does', async () => {
        const { services, documents } = await buildWorkspace(seed.replace('connections: [dc1]', 'connections: [dc1, dc2]').replace('connections: [dc2]', 'connections: [dc1, dc2]'));
        const lenses = (await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } }))!
            .filter(l => l.command!.command === 'azrs.showFailover');
        // Both circuits carry both data centres: one gateway's failure cuts nobody off.
        expect(lenses.map(l => l.command!.title)).toContain('if both instances fail: nothing breaks');
    });
});
