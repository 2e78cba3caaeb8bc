import { describe, expect, it } from 'vitest';
import { importAndFormat } from '../../language-server/src/import/import-files.js';
import { runImport } from '../../language-server/src/import/run-import.js';
import { buildWorkspace } from '../helpers.js';

const FIXTURE = new URL('../fixtures/import/v2-constructs/arm-export.json', import.meta.url).pathname;

describe('azrs import: the v2 constructs', () => {
    it('writes the firewall, an NVA with nic blocks, a gateway with nextHopIps and a GatewaySubnet route table, VNet-to-VNet and a static site', async () => {
        const r = await importAndFormat([FIXTURE], {});
        const hub1 = r.files.get('hub1.azrs')!;
        expect(hub1).toMatch(/ {2}gateway vpngw1 \{\n {4}type: Vpn\n {4}subnet: 10\.1\.255\.0\/27\n {4}connections: \[branch-static, vpngw-branch\]\n {4}nextHopIps: \[10\.1\.255\.4, 10\.1\.255\.5\]\n {4}routeTable: rt-gateway\n {2}\}/);
        expect(hub1).toMatch(/ {2}firewall azfw \{\n {4}subnet: 10\.1\.4\.0\/26\n {4}ip: 10\.1\.4\.4\n {2}\}/);
        expect(hub1).toMatch(/ {2}nva fw1 \{\n {4}nic untrust \{ ip: 10\.1\.1\.4 \}\n {4}nic trust \{ ip: 10\.1\.2\.4 \}\n {2}\}/);
        expect(hub1).not.toMatch(/subnet (GatewaySubnet|AzureFirewallSubnet)/);
        expect(r.files.get('branch.azrs')).toMatch(/connections: \[vpngw1\]\n {4}asn: 65200\n {4}activeActive: false\n {4}nextHopIps: \[10\.200\.255\.30\]/);
        expect(r.files.get('sites-and-sessions.azrs')).toMatch(/onprem branch-static \{\n {2}prefixes: \[172\.20\.0\.0\/16\]\n\}/);
        expect(hub1).toMatch(/route workload-via-fw \{ prefix: 10\.1\.3\.0\/24, nextHopType: VirtualAppliance, nextHop: azfw \}/);
        expect(r.report.skipped).toEqual([]);
        const { diagnostics } = await buildWorkspace([...r.files.values()]);
        expect(diagnostics.flat().map(d => d.code)).toEqual(['bgp-propagation-disabled']);
    });

    it('in the v1 language the v2-only facts are left in comments and the files still parse', async () => {
        const r = await runImport([FIXTURE], { v2: false });
        const hub1 = r.files.get('hub1.azrs')!;
        expect(hub1).toContain('// Azure Firewall azfw (10.1.4.4 in 10.1.4.0/26): needs the v2 language (firewall)');
        expect(hub1).toContain('// other NICs of fw1: fw1-trust 10.1.2.4 (nic blocks need the v2 language)');
        expect(hub1).toContain('connections: [branch-static]\n    // VNet-to-VNet: vpngw-branch (needs the v2 language)');
        expect(hub1).not.toMatch(/nextHopIps|routeTable: rt-gateway|firewall azfw \{/);
        const { diagnostics } = await buildWorkspace([...r.files.values()]);
        expect(diagnostics.flat().filter(d => d.severity === 1)).toEqual([]);
    });
});
