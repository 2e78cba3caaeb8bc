import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, codesAt, createTestServices } from '../helpers.js';

/**
 * `azrs verify` in the language server: with a folder of Azure outputs (the setting
 * azrs.verify.actualDir), the differences are diagnostics on the VM, NVA or session, each compared
 * VM gets a code lens, and the hover puts azrs's and Azure's rows side by side.
 */

const TOPOLOGY = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet nva { prefix: 10.1.1.0/24 }
  nva nva1 { ip: 10.1.1.4, asn: 65001, advertises: [10.50.0.0/16] }
  subnet app { prefix: 10.1.2.0/24 }
  vm vm1 { ip: 10.1.2.4 }
  vm vm2 { ip: 10.1.2.5 }
}
bgp nva1 <-> rs1
`;
const row = (source: string, prefix: string, type: string, ips: string[] = []) =>
    ({ source, state: 'Active', addressPrefix: [prefix], nextHopType: type, nextHopIpAddress: ips });
const SYSTEM = [
    row('Default', '10.1.0.0/16', 'VnetLocal'), row('Default', '0.0.0.0/0', 'Internet'), row('Default', '10.0.0.0/8', 'None'),
    row('Default', '172.16.0.0/12', 'None'), row('Default', '192.168.0.0/16', 'None'), row('Default', '100.64.0.0/10', 'None')
];
const table = (rows: object[]) => JSON.stringify({ value: rows }, null, 2);

function actualDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'azrs-verify-lsp-'));
    // vm1 agrees with azrs; vm2's table shows the BGP route via another next hop.
    writeFileSync(join(dir, 'vm1.effective-routes.json'), table([...SYSTEM, row('VirtualNetworkGateway', '10.50.0.0/16', 'VirtualNetworkGateway', ['10.1.1.4'])]));
    writeFileSync(join(dir, 'vm2.effective-routes.json'), table([...SYSTEM, row('VirtualNetworkGateway', '10.50.0.0/16', 'VirtualNetworkGateway', ['10.1.1.9'])]));
    writeFileSync(join(dir, 'rs1.nva1.learned-routes.json'), JSON.stringify({
        RouteServiceRole_IN_0: [{ localAddress: '10.1.0.4', network: '10.60.0.0/16', nextHop: '10.1.1.4', sourcePeer: '10.1.1.4', origin: 'EBgp', asPath: '65001', weight: 32768 }],
        RouteServiceRole_IN_1: [], value: null
    }, null, 2));
    return dir;
}

async function build(text: string, dir: string | undefined) {
    const services = createTestServices();
    if (dir !== undefined) {
        services.Azrs.analysis.VerifyAnalysis.enable();
        services.Azrs.analysis.VerifyAnalysis.setActualDir(dir);
    }
    return buildWorkspace(text, services);
}

describe('azrs verify in the editor', () => {
    it('reports each difference on the element it concerns: the VM\'s name, the bgp session', async () => {
        const dir = actualDir();
        const { diagnostics } = await build(TOPOLOGY, dir);
        const verify = diagnostics[0].filter(d => String(d.code).startsWith('verify-')).sort((a, b) => a.range.start.line - b.range.start.line);
        expect(codesAt(verify)).toEqual([
            'verify-route-different@8:6-8:9',
            'verify-learned-missing@10:1-10:17',
            'verify-learned-extra@10:1-10:17'
        ]);
        expect(verify[0].severity).toBe(2);
        expect(verify[0].message).toBe(`10.50.0.0/16 on vm2 differs in nextHopIpAddress: Azure VirtualNetworkGateway, Active, next hop VirtualNetworkGateway 10.1.1.9; azrs VirtualNetworkGateway, Active, next hop VirtualNetworkGateway 10.1.1.4 (azrs: programmed by route server rs1, learned from NVA nva1 over bgp:nva1<->rs1, AS path 65001) [${join(dir, 'vm2.effective-routes.json')}:57]`);
        expect(verify[0].codeDescription?.href).toMatch(/rules\.md#verify-route-different$/);
    });

    it('without a folder (the CLI\'s check, or no azure-state/), nothing is compared', async () => {
        const { diagnostics } = await build(TOPOLOGY, undefined);
        expect(diagnostics[0].filter(d => String(d.code).startsWith('verify-'))).toEqual([]);
    });

    it('// azrs-disable-next-line hides one difference', async () => {
        const text = TOPOLOGY.replace('  vm vm2', '  // azrs-disable-next-line verify-route-different\n  vm vm2');
        const { diagnostics } = await build(text, actualDir());
        // The session's differences stay; vm2's is gone.
        expect(diagnostics[0].filter(d => String(d.code).startsWith('verify-')).map(d => String(d.code)).sort())
            .toEqual(['verify-learned-extra', 'verify-learned-missing']);
    });

    it('puts a lens on each compared VM: matches Azure, or the number of differences', async () => {
        const { services, documents } = await build(TOPOLOGY, actualDir());
        const lenses = await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        expect((lenses ?? []).map(l => `${l.range.start.line + 1}: ${l.command?.title}`).filter(t => /Azure/.test(t))).toEqual([
            '7: matches Azure: 7/7 routes',
            '8: 1 difference from Azure (6/7 routes match)'
        ]);
    });

    it('shows azrs\'s and Azure\'s rows side by side in the VM\'s hover, the differing row first', async () => {
        const { services, documents } = await build(TOPOLOGY, actualDir());
        const doc = documents[0];
        const offset = doc.textDocument.getText().indexOf('vm vm2') + 4;
        const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset) });
        const md = (hover?.contents as { value: string }).value;
        expect(md).toContain('**Compared with Azure** (vm2.effective-routes.json): 1 difference, 6 matching');
        const lines = md.split('\n');
        const head = lines.indexOf('| | Prefix | azrs | Azure |');
        expect(lines.slice(head + 2, head + 4)).toEqual([
            '| ≠ | 10.50.0.0/16 | VirtualNetworkGateway · Active · VirtualNetworkGateway 10.1.1.4 | VirtualNetworkGateway · Active · VirtualNetworkGateway 10.1.1.9 |',
            '| = | 0.0.0.0/0 | Default · Active · Internet | Default · Active · Internet |'
        ]);
    });

    it('a file azrs cannot read is an error of the comparison, not of the topology', async () => {
        const dir = actualDir();
        writeFileSync(join(dir, 'vm1.effective-routes.json'), '{"value": [\n');
        const { services, diagnostics } = await build(TOPOLOGY, dir);
        expect(diagnostics[0].filter(d => String(d.code).startsWith('verify-'))).toEqual([]);
        expect(services.Azrs.analysis.VerifyAnalysis.get().error).toBe(`${join(dir, 'vm1.effective-routes.json')}:2: malformed JSON: Unexpected end of JSON input`);
    });

    it('an NVA\'s lens and hover cover each of its NICs\' tables (v2 nic blocks)', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet untrust { prefix: 10.1.1.0/24 }
  subnet trust { prefix: 10.1.2.0/24 }
  nva fw1 {
    nic untrust { ip: 10.1.1.4 }
    nic trust   { ip: 10.1.2.4 }
  }
}
`;
        const dir = mkdtempSync(join(tmpdir(), 'azrs-verify-nics-'));
        writeFileSync(join(dir, 'fw1.untrust.effective-routes.json'), table(SYSTEM));
        writeFileSync(join(dir, 'fw1.trust.effective-routes.json'), table([...SYSTEM, row('User', '10.9.0.0/16', 'None')]));
        const { services, documents, diagnostics } = await build(text, dir);
        const lenses = await services.Azrs.lsp.CodeLensProvider!.provideCodeLens(documents[0], { textDocument: { uri: documents[0].uri.toString() } });
        expect((lenses ?? []).map(l => `${l.range.start.line + 1}: ${l.command?.title}`).filter(t => /Azure/.test(t))).toEqual(['5: 1 difference from Azure (12/13 routes match)']);
        // The trust NIC's difference sits on the NIC's name.
        expect(codesAt(diagnostics[0].filter(d => String(d.code).startsWith('verify-')))).toEqual(['verify-route-missing@7:9-7:14']);
        const doc = documents[0];
        const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: { line: 4, character: 7 } });
        const md = (hover?.contents as { value: string }).value;
        expect(md).toContain('**Compared with Azure** (fw1.untrust.effective-routes.json): all 6 rows match');
        expect(md).toContain('**Compared with Azure** (fw1.trust.effective-routes.json): 1 difference, 6 matching');
    });

    it('reads the folder again when a file in it changes (what the file watcher triggers)', async () => {
        const dir = actualDir();
        const { services, documents } = await build(TOPOLOGY, dir);
        const verify = services.Azrs.analysis.VerifyAnalysis;
        expect(verify.get().report!.differences.map(d => `${d.code} ${d.element}`)).toContain('verify-route-different vm2');
        // Azure's table of vm2 now agrees; same size, so only the modification time tells.
        writeFileSync(join(dir, 'vm2.effective-routes.json'), table([...SYSTEM, row('VirtualNetworkGateway', '10.50.0.0/16', 'VirtualNetworkGateway', ['10.1.1.4'])]));
        const later = new Date(Date.now() + 5000);
        utimesSync(join(dir, 'vm2.effective-routes.json'), later, later);
        verify.invalidate();
        expect(verify.get().report!.differences.map(d => `${d.code} ${d.element}`)).not.toContain('verify-route-different vm2');
        const revalidated = await services.Azrs.validation.DocumentValidator.validateDocument(documents[0]);
        expect(revalidated.filter(d => String(d.code).startsWith('verify-')).map(d => d.code).sort()).toEqual(['verify-learned-extra', 'verify-learned-missing']);
    });
});
