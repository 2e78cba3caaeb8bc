import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

/**
 * Effective routes of published real labs (github.com/kaysalawu/azure-network-terraform, MIT),
 * written as `.azrs` under test/fixtures/real/, against the `az network nic show-effective-route-table`
 * output their author published (copied next to each fixture in azure/, with SOURCE.md).
 *
 * The author's query printed `value[?nextHopType!='None']` with only the first prefix and the first
 * next hop of each entry, and Azure returned ECMP routes as one entry per next hop: rows are compared
 * per (source, state, prefix, next hop type) with their next hops gathered. What the language does not
 * model is listed as skipped, with the reason, and asserted as such so that the list cannot grow
 * unnoticed.
 */

interface Row { key: string; ips: string[] }

const NOT_MODELLED: Record<string, string> = {
    InterfaceEndpoint: 'private endpoint /32 routes are not modelled',
    None: "the author's query left out None rows (nextHopType!='None'): the output neither confirms nor denies them"
};

/** Parses the author's `-o table` text: Source Prefix State NextHopType [NextHopIP]. */
function azureRows(file: string): Row[] {
    const lines = readFileSync(new URL(`../fixtures/real/${file}`, import.meta.url), 'utf8').split('\n');
    const start = lines.findIndex(l => /^-{4,}/.test(l));
    const byKey = new Map<string, Set<string>>();
    for (const line of lines.slice(start + 1)) {
        const cells = line.trim().split(/\s+/);
        if (cells.length < 4) continue;
        const [source, prefix, state, type, ip] = cells;
        const key = `${source} ${state} ${prefix} ${type}`;
        const ips = byKey.get(key) ?? new Set<string>();
        if (ip) ips.add(ip);
        byKey.set(key, ips);
    }
    return [...byKey].map(([key, ips]) => ({ key, ips: [...ips].sort(byAddress) }));
}

function azrsRows(folder: string, selector: string[]): Row[] {
    const r = azrs(['routes', `test/fixtures/real/${folder}`, ...selector, '--format', 'json']);
    expect(r.stderr, 'the fixture has no error').toBe('');
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout).value as Array<{ source: string; state: string; addressPrefix: string[]; nextHopType: string; nextHopIpAddress: string[] }>)
        .map(v => ({ key: `${v.source} ${v.state} ${v.addressPrefix[0]} ${v.nextHopType}`, ips: [...v.nextHopIpAddress].sort(byAddress) }));
}

function byAddress(a: string, b: string): number {
    const n = (t: string) => t.split('.').reduce((x, o) => x * 256 + Number(o), 0);
    return n(a) - n(b);
}

/** Splits both sides into compared rows and skipped rows (`row — reason`). */
function compare(azure: Row[], ours: Row[]): { azure: string[]; azrs: string[]; skipped: string[] } {
    const skipped: string[] = [];
    const keep = (side: string) => (row: Row) => {
        const type = row.key.split(' ')[3];
        if (NOT_MODELLED[type]) {
            skipped.push(`${side}: ${row.key} — ${NOT_MODELLED[type]}`);
            return false;
        }
        return true;
    };
    const text = (row: Row) => `${row.key} ${row.ips.join(',')}`.trim();
    return {
        azure: azure.filter(keep('azure')).map(text).sort(),
        azrs: ours.filter(keep('azrs')).map(text).sort(),
        skipped: skipped.sort()
    };
}

describe('real lab: kaysalawu Lab01, IPsec over ExpressRoute', () => {
    const lab = 'kaysalawu-lab01-ipsec-over-er';

    it('hub1 NVA untrust NIC: VPN routes via the gateway instances, the ExpressRoute route via the edge (nextHopIps)', () => {
        const result = compare(
            azureRows(`${lab}/azure/lab01-ipsec-over-er-02-Lab01-hub1-nva-untrust-nic.effective-route-table.txt`),
            azrsRows(lab, ['--vm', 'hub1-nva/untrust']));
        expect(result.azrs).toEqual(result.azure);
        expect(result.azure).toContain('VirtualNetworkGateway Active 10.10.0.0/24 VirtualNetworkGateway 10.11.16.14,10.11.16.15');
        expect(result.skipped).toEqual([
            'azrs: Default Active 10.0.0.0/8 None — ' + NOT_MODELLED.None,
            'azrs: Default Active 100.64.0.0/10 None — ' + NOT_MODELLED.None,
            'azrs: Default Active 172.16.0.0/12 None — ' + NOT_MODELLED.None,
            'azrs: Default Active 192.168.0.0/16 None — ' + NOT_MODELLED.None,
            'azure: Default Active 10.11.7.88/32 InterfaceEndpoint — ' + NOT_MODELLED.InterfaceEndpoint,
            'azure: Default Active 10.11.7.99/32 InterfaceEndpoint — ' + NOT_MODELLED.InterfaceEndpoint
        ]);
    });

    it('spoke1 VM: UDRs to the NVA load balancer, propagation disabled; the UDR 0/0 removed the None rows (docs/semantics.md §4.1 v2)', () => {
        const result = compare(
            azureRows(`${lab}/azure/lab01-ipsec-over-er-01-Lab01-spoke1-vm-main-nic.effective-route-table.txt`),
            azrsRows(lab, ['--vm', 'spoke1-vm']));
        expect(result.azrs).toEqual(result.azure);
        expect(result.skipped).toEqual([
            'azure: Default Invalid 10.11.7.88/32 InterfaceEndpoint — ' + NOT_MODELLED.InterfaceEndpoint,
            'azure: Default Invalid 10.11.7.99/32 InterfaceEndpoint — ' + NOT_MODELLED.InterfaceEndpoint
        ]);
    });
});

describe('real lab: kaysalawu Lab08, ExpressRoute and VPN coexistence', () => {
    const lab = 'kaysalawu-lab08-er-vpn-coexistence';
    const none = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'].map(p => `azrs: Default Active ${p} None — ${NOT_MODELLED.None}`);

    it('spoke1 VM: every ExpressRoute route as one ECMP row over the four edge addresses; the VPN copy of 10.20.0.0/20 loses to ExpressRoute', () => {
        const result = compare(
            azureRows(`${lab}/azure/lab08-er-vpn-coexistence-07-Lab08-spoke1-vm-main-nic.effective-route-table.txt`),
            azrsRows(lab, ['--vm', 'spoke1-vm']));
        expect(result.azrs).toEqual(result.azure);
        expect(result.azure).toContain('VirtualNetworkGateway Active 10.20.0.0/20 VirtualNetworkGateway 10.20.88.110,10.20.88.111,10.63.110.248,10.63.110.252');
        expect(result.skipped).toEqual(none);
    });

    it('branch2 NVA untrust NIC (a branch VNet behind its own ExpressRoute gateway)', () => {
        const result = compare(
            azureRows(`${lab}/azure/lab08-er-vpn-coexistence-06-Lab08-branch2-nva-untrust-nic.effective-route-table.txt`),
            azrsRows(lab, ['--vm', 'branch2-nva/untrust']));
        expect(result.azrs).toEqual(result.azure);
        expect(result.skipped).toEqual(none);
    });

    it('branch2 VM: a UDR 10.0.0.0/8 to the NVA, propagation disabled', () => {
        const result = compare(
            azureRows(`${lab}/azure/lab08-er-vpn-coexistence-05-Lab08-branch2-vm-main-nic.effective-route-table.txt`),
            azrsRows(lab, ['--vm', 'branch2-vm']));
        expect(result.azrs).toEqual(result.azure);
        // The UDR 10.0.0.0/8 makes the 10.0.0.0/8 None row Invalid; the output filtered it either way.
        expect(result.skipped).toEqual([
            'azrs: Default Active 100.64.0.0/10 None — ' + NOT_MODELLED.None,
            'azrs: Default Active 172.16.0.0/12 None — ' + NOT_MODELLED.None,
            'azrs: Default Active 192.168.0.0/16 None — ' + NOT_MODELLED.None,
            'azrs: Default Invalid 10.0.0.0/8 None — ' + NOT_MODELLED.None
        ]);
    });
});
