import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAndFormat } from '../../language-server/src/import/import-files.js';
import { azrs } from '../cli/cli-run.js';
import { buildWorkspace, codesAt } from '../helpers.js';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'azrs-import-overlay-'));

describe('azrs import: what no export holds', () => {
    it('without the overlay, the ExpressRoute sites and the BGP NVAs are import-gap findings on the elements, and the report lists them', async () => {
        const r = await importAndFormat([`${FIXTURES}dual-homed-er/arm-export.json`], {});
        expect(r.report.gaps).toEqual([
            { element: 'nva1', what: 'advertises' },
            { element: 'nva2', what: 'advertises' },
            { element: 'dc1', what: "the on-premises prefixes behind ExpressRoute circuit 'dc1'" },
            { element: 'dc2', what: "the on-premises prefixes behind ExpressRoute circuit 'dc2'" }
        ]);
        const sites = r.files.get('sites-and-sessions.azrs')!;
        expect(sites).toContain("// azrs-import-gap: the on-premises prefixes behind ExpressRoute circuit 'dc1': give them in the overlay (prefixes) or the tag azrs-prefixes\nonprem dc1 {\n  asn: 65021\n  prefixes: []\n}");
        const names = [...r.files.keys()];
        const { diagnostics } = await buildWorkspace([...r.files.values()]);
        const gaps = diagnostics.map((d, i) => [names[i], codesAt(d.filter(x => x.code === 'import-gap'))]).filter(([, c]) => c.length > 0);
        const hub1 = r.files.get('hub1.azrs')!.split('\n');
        const nvaLine = hub1.findIndex(l => l.trim().startsWith('nva nva1')) + 1;
        expect(gaps).toEqual([
            ['hub1.azrs', [`import-gap@${nvaLine}:3-${nvaLine}:13`]],
            ['hub2.azrs', [expect.stringMatching(/^import-gap@/)]],
            ['sites-and-sessions.azrs', [expect.stringMatching(/^import-gap@/), expect.stringMatching(/^import-gap@/)]]
        ]);
        const message = diagnostics.flat().find(d => d.code === 'import-gap')!;
        expect(message.severity).toBe(3);
        expect(message.message).toMatch(/^Imported without what NVA 'nva1' advertises/);
    });

    it('the overlay fills the gaps: site prefixes, advertises, as-override on every session or one, and new sites with their sessions', async () => {
        const overlay = join(dir, 'overlay.json');
        writeFileSync(overlay, JSON.stringify({ sites: { dc1: { prefixes: ['10.2.13.0/25'] } }, nvas: { 'nva1-nic': { advertises: ['10.50.0.0/16'], asOverride: true, sessions: { rs0: { asPathPrepend: 2 } } } }, branch9: { asn: 65009, prefixes: ['10.9.0.0/16'] } }));
        const r = await importAndFormat([`${FIXTURES}dual-homed-er/arm-export.json`], { overlay });
        const text = [...r.files.values()].join('\n');
        expect(text).toMatch(/onprem dc1 \{\n {2}asn: 65021\n {2}prefixes: \[10\.2\.13\.0\/25\]\n\}/);
        expect(text).toMatch(/nva nva1 \{\n {4}ip: 10\.101\.3\.10\n {4}asn: 65001\n {4}advertises: \[10\.50\.0\.0\/16\]\n {2}\}/);
        expect(text).toMatch(/bgp nva1 <-> rs0 \{ asOverride: true, asPathPrepend: 2 \}/);
        expect(text).toMatch(/bgp nva1 <-> rs1 \{ asOverride: true \}/);
        expect(text).toMatch(/bgp nva2 <-> rs0\n/);
        expect(text).toMatch(/onprem branch9 \{\n {2}asn: 65009\n {2}prefixes: \[10\.9\.0\.0\/16\]\n\}/);
        expect(r.report.gaps.map(g => g.element)).toEqual(['nva2', 'dc2']);
        expect(r.report.notes).toContain("on-premises site 'branch9' comes from the overlay only");
    });

    it('Azure tags on the NIC or VM: azrs-advertises, azrs-asn; on a circuit or local network gateway: azrs-prefixes', async () => {
        const src = JSON.parse(readFileSync(`${FIXTURES}dual-homed-er/arm-export.json`, 'utf8'));
        const circuit = src.resources.find((r: { type: string }) => r.type === 'Microsoft.Network/expressRouteCircuits');
        circuit.tags = { 'azrs-prefixes': '10.2.13.0/25, 10.2.14.0/25' };
        const vm = src.resources.find((r: { type: string; name: string }) => r.type === 'Microsoft.Compute/virtualMachines' && r.name.includes('nva'));
        vm.tags = { 'azrs-advertises': '10.60.0.0/16 10.61.0.0/16' };
        const f = join(dir, 'tagged.json');
        writeFileSync(f, JSON.stringify(src));
        const r = await importAndFormat([f], {});
        const text = [...r.files.values()].join('\n');
        expect(text).toMatch(/onprem dc1 \{\n {2}asn: 65021\n {2}prefixes: \[10\.2\.13\.0\/25, 10\.2\.14\.0\/25\]/);
        expect(text).toMatch(/advertises: \[10\.60\.0\.0\/16, 10\.61\.0\.0\/16\]/);
    });

    it('the report: inputs, resources read by type, what each became, what was skipped and why, expressions left unresolved', () => {
        const out = join(dir, 'report-out');
        const report = join(dir, 'report.json');
        const r = azrs(['import', `${FIXTURES}udr-routing-example/arm-export.json`, '-o', out, '--report', report]);
        expect(r.code).toBe(0);
        const json = JSON.parse(readFileSync(report, 'utf8'));
        expect(Object.keys(json)).toEqual(['inputs', 'resourcesRead', 'byType', 'mapped', 'skipped', 'unresolved', 'gaps', 'notes', 'files']);
        expect(json.inputs).toEqual([{ file: `${FIXTURES}udr-routing-example/arm-export.json`, format: 'arm' }]);
        expect(json.resourcesRead).toBe(18);
        expect(json.byType['microsoft.network/routetables/routes']).toBe(6);
        expect(json.mapped).toContainEqual({ id: expect.stringMatching(/\/networkInterfaces\/nva1-nic$/), type: 'microsoft.network/networkinterfaces', element: 'nva1' });
        expect(json.mapped).toContainEqual({ id: expect.stringMatching(/\/connections\/vpngw-to-on-premises$/), type: 'microsoft.network/connections', element: 'vpngw' });
        expect(json.skipped).toEqual([{ id: expect.stringMatching(/Virtual-network-2#fd00:db8:2::\/48$/), type: 'addressPrefix', reason: 'IPv6 ranges are not modelled' }]);
        expect(json.unresolved).toEqual([]);
        expect(json.files).toEqual(['Virtual-network-1.azrs', 'Virtual-network-2.azrs', 'sites-and-sessions.azrs']);
        const vnet1 = readFileSync(join(out, 'Virtual-network-1.azrs'), 'utf8');
        expect(vnet1).toMatch(/^\/\/ \/subscriptions\/00000000-0000-0000-0000-000000000000\/resourceGroups\/rg\/providers\/Microsoft\.Network\/virtualNetworks\/Virtual-network-1\nhub Virtual-network-1 \{/);
        expect(vnet1).toMatch(/ {2}\/\/ \S+\/virtualNetworkGateways\/vpngw\n {2}gateway vpngw \{/);
    });
});
