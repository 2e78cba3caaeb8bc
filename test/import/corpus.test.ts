import { describe, expect, it } from 'vitest';
import { importAndFormat } from '../../language-server/src/import/import-files.js';
import { buildWorkspace } from '../helpers.js';

/**
 * Every input of the shared import corpus (copied with its SOURCE.md and LICENSE under
 * test/fixtures/import-corpus/) imports, or the report says exactly what it could not use.
 */
const CORPUS = new URL('../fixtures/import-corpus/', import.meta.url).pathname;

async function run(input: string, parameters?: string) {
    const result = await importAndFormat([`${CORPUS}${input}`], { parameters: parameters && `${CORPUS}${parameters}` });
    const { diagnostics } = await buildWorkspace([...result.files.values()]);
    const errors = diagnostics.flat().filter(d => d.severity === 1).map(d => `${d.code}: ${d.message}`);
    const gaps = diagnostics.flat().filter(d => d.code === 'import-gap').length;
    const text = [...result.files.values()].join('\n');
    return { ...result, errors, gaps, text };
}

describe('azrs import on the corpus', () => {
    it('quickstart route server (ARM): the VNet and its route server in the RouteServerSubnet; the peer outside every VNet is reported', async () => {
        const r = await run('azure-quickstart-route-server/azuredeploy.json');
        expect(r.errors).toEqual([]);
        expect(r.text).toMatch(/hub routeservervnet \{\n {2}addressSpace: \[10\.1\.0\.0\/16\]/);
        expect(r.text).toMatch(/routeServer routeserver \{\n {4}subnet: 10\.1\.1\.0\/27/);
        expect(r.report.skipped).toContainEqual(expect.objectContaining({ type: 'microsoft.network/virtualhubs/bgpconnections', reason: 'peer IP 10.0.1.4 is on no NIC and in no VNet of the inputs' }));
    });

    it('FortiGate active-passive (ARM with its parameters file): two NVAs from their NICs with the bgpConnections ASN, gaps for what they advertise', async () => {
        const r = await run('fortinet-fortigate-ars/Active-Passive');
        expect(r.errors).toEqual([]);
        expect(r.text).toMatch(/nva TO-BE-DEFINED--FGT-A \{\n {4}(ip: 172\.16\.136\.68|nic [\s\S]*?172\.16\.136\.68)[\s\S]*?asn: 65005/);
        expect(r.text).toMatch(/bgp TO-BE-DEFINED--FGT-B <-> TO-BE-DEFINED--RouteServer/);
        expect(r.gaps).toBe(2);
        expect(r.report.gaps.map(g => g.element)).toEqual(['TO-BE-DEFINED--FGT-A', 'TO-BE-DEFINED--FGT-B']);
        expect(r.report.skipped.map(s => s.reason)).toContain('NSGs filter traffic; azrs models routing only');
    });

    it('FortiGate multi-hub (nested and linked deployments): both hubs and spokes; the route table the template misspells is reported', async () => {
        const r = await run('fortinet-fortigate-ars/MultiHub');
        expect(r.errors).toEqual([]);
        expect([...r.files.keys()].sort()).toEqual(['TO-BE-DEFINED--HubA-VNET-SPOKE1.azrs', 'TO-BE-DEFINED--HubA-VNET.azrs', 'TO-BE-DEFINED--HubB-VNET-SPOKE1.azrs', 'TO-BE-DEFINED--HubB-VNET.azrs', 'sites-and-sessions.azrs']);
        expect(r.report.skipped).toContainEqual(expect.objectContaining({ id: expect.stringContaining('/Microsot.Network/routeTables/'), reason: expect.stringMatching(/is in none of the inputs/) }));
        expect(r.gaps).toBe(4);
    });

    it('hub-and-spoke lab builder (Bicep compiled to ARM, languageVersion 2.0): the default parameters deploy the hub VNet only', async () => {
        const r = await run('hubspoke-labbuilder-bicep/ARM/main.json');
        expect(r.errors).toEqual([]);
        expect([...r.files.keys()]).toEqual(['VNET-Hub-SCE.azrs']);
        expect(r.text).toMatch(/vnet VNET-Hub-SCE \{\n {2}addressSpace: \[172\.16\.0\.0\/24\]\n {2}region: swedencentral/);
    });

    it('Terraform configurations built from modules: nothing is guessed; every module call and expression is in the report', async () => {
        for (const dir of ['kaysalawu-hs15-nva-ars-dual-region', 'kaysalawu-lab01-ipsec-over-er', 'avm-terraform-routeserver']) {
            const r = await run(dir);
            expect(r.errors, dir).toEqual([]);
            expect(r.report.skipped.filter(s => s.type === 'module').length, dir).toBeGreaterThan(0);
            expect(r.report.unresolved.length, dir).toBeGreaterThan(0);
        }
        const lab01 = await run('kaysalawu-lab01-ipsec-over-er');
        expect(lab01.report.skipped.filter(s => s.type === 'module').map(s => s.id)).toContain('module.hub1');
    });

    it('literal Terraform (azurerm examples): the two-way peering and the VPN gateway', async () => {
        const r = await run('azurerm-provider-examples');
        expect(r.errors).toEqual([]);
        expect(r.text).toMatch(/peering first -> second/);
        expect(r.text).toMatch(/peering second -> first/);
        expect(r.text).toMatch(/gateway example-2 \{\n {4}type: Vpn\n {4}subnet: 10\.0\.1\.0\/24/);
        expect(r.report.unresolved).toContainEqual(expect.objectContaining({ path: 'azurerm_virtual_network.first.name', expression: '${var.prefix}-network1' }));
    });

    it('az network routeserver show (flattened CLI object): read, and skipped because its VNet is not in the input', async () => {
        const r = await run('microsoftdocs-route-server-quickstart/routeserver-show.json');
        expect(r.report.resourcesRead).toBe(1);
        expect(r.report.skipped).toEqual([expect.objectContaining({ type: 'microsoft.network/virtualhubs', reason: 'route server whose subnet is in none of the inputs (add the VNet)' })]);
        expect(r.files.size).toBe(0);
    });
});
