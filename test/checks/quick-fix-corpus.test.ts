import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixBlocker } from '../../language-server/src/validation/fix-check.js';
import { actionsFor, apply, check, type Checked } from './check-helpers.js';

/**
 * Issue 17, "fixes that must not harm": EVERY quick fix the server offers, on a corpus of broken
 * topologies (the samples, the failing example of every section of docs/rules.md, and the cases
 * below), is applied and the result checked again: the fix removes its finding and leaves no new
 * error. Errors are compared as counts per code, since a fix may move the lines below it.
 */

const ROOT = new URL('../../', import.meta.url);

function samples(): Array<[string, string]> {
    const dir = new URL('samples/', ROOT);
    return readdirSync(dir).flatMap(d => readdirSync(new URL(`${d}/`, dir)).filter(f => f.endsWith('.azrs'))
        .map((f): [string, string] => [`samples/${d}/${f}`, readFileSync(join(dir.pathname, d, f), 'utf8')]));
}

function docExamples(): Array<[string, string]> {
    const doc = readFileSync(new URL('docs/rules.md', ROOT), 'utf8');
    return doc.split(/^## /m).slice(1).map((part): [string, string] => {
        const code = part.slice(0, part.indexOf('\n')).trim();
        return [`docs/rules.md#${code}`, /```azrs\n([\s\S]*?)```/.exec(part)![1]];
    });
}

/** Fixes that used to harm, and neighbours of the quick-fixable codes. */
const CASES: Array<[string, string]> = [
    ['a reverse peering between overlapping VNets', `vnet a { addressSpace: [10.1.0.0/16] }
vnet b { addressSpace: [10.1.128.0/24] }
peering a -> b
`],
    ['a plain spoke using one of two gateway hubs, plus a missing reverse', `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1
peering spoke1 -> hub2 { useRemoteGateways: true }
`],
    ['a reverse peering that would make a spoke with its own route server dual-homed', `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering hub2 -> spoke1
`],
    ['multihop off and a relayed route without asOverride', `onprem dc1 { asn: 65021, prefixes: [10.2.13.0/25] }
hub hub1 {
  addressSpace: [10.101.0.0/16]
  routeServer rs1 { subnet: 10.101.1.0/26, branchToBranch: true }
  gateway ergw1 { type: ExpressRoute, connections: [dc1] }
  nva nva1 { ip: 10.101.3.10, asn: 65001 }
}
spoke spoke { addressSpace: [10.100.0.0/24], routeServer rs0 { subnet: 10.100.0.0/26 } }
peering spoke -> hub1
peering hub1 -> spoke
bgp nva1 <-> rs1 { asOverride: true, multihop: false }
bgp nva1 <-> rs0
`],
    ['a multihop fix that brings up a session past the route limit', `// azrs check --routes-per-peer 2
hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva sdwan1 { ip: 10.1.2.4, asn: 65001, advertises: [10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16] }
}
bgp sdwan1 <-> rs1 { multihop: false }
`],
    ['an AzureFirewallSubnet whose /26 would overlap the subnet next to it', `hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet workload { prefix: 10.1.4.0/27 }
  firewall azfw { subnet: 10.1.4.32/27, ip: 10.1.4.36 }
}
`],
    ['a one-sided VNet-to-VNet connection between VNets an intent keeps apart', `hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway vpngw1 { type: Vpn, subnet: 10.1.255.0/27, connections: [vpngw2] }
  vm vm1 { ip: 10.1.1.4 }
}
vnet branch {
  addressSpace: [10.200.0.0/16]
  gateway vpngw2 { type: Vpn, asn: 65200, subnet: 10.200.255.0/27 }
  vm vm2 { ip: 10.200.1.4 }
}
intent isolated { from: vm2, to: vm1, reachable: false }
`]
];

const CORPUS: Array<[string, string]> = [...samples(), ...docExamples(), ...CASES];

function errorCounts(c: Checked): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of c.seen[0]) if (s.severity === 'error') out.set(s.code, (out.get(s.code) ?? 0) + 1);
    return out;
}

function routesPerPeerOf(text: string): number | undefined {
    const m = /--routes-per-peer (\d+)/.exec(text);
    return m ? Number(m[1]) : undefined;
}

describe('every quick fix leaves no new error and removes its finding', () => {
    it('the corpus is not empty and offers fixes of every kind', async () => {
        const titles = new Set<string>();
        for (const [, text] of CORPUS) {
            const before = await check(text, { routesPerPeer: routesPerPeerOf(text) });
            for (const s of before.seen[0]) {
                for (const a of await actionsFor(before.documents[0], s.diagnostic)) {
                    if (!a.title.startsWith('Suppress ')) titles.add(a.title.replace(/'.*'/, "'…'"));
                }
            }
        }
        expect([...titles].sort()).toEqual([
            // The v2 fixes merged from lang/diag: connection-not-reciprocal ("Add '…'" to the other
            // gateway's connections), firewall-subnet-too-small (the /26 that contains the prefix),
            // route-table-on-route-server-subnet; each passes the corpus's no-new-error test below.
            "Add '…'", "Add asOverride: true to '…'", "Add the reverse peering '…'", 'Change to 10.1.0.0/16', 'Change to 10.1.4.0/26',
            'Remove the route table from the RouteServerSubnet', "Set allowGatewayTransit: true on '…'",
            'Set multihop: true', "Set useRemoteGateways: false on '…'"
        ]);
    });

    for (const [name, text] of CORPUS) {
        it(name, async () => {
            const options = { routesPerPeer: routesPerPeerOf(text) };
            const before = await check(text, options);
            const beforeErrors = errorCounts(before);
            for (const s of before.seen[0]) {
                const fixes = (await actionsFor(before.documents[0], s.diagnostic)).filter(a => !a.title.startsWith('Suppress '));
                for (const fix of fixes) {
                    const after = await check(apply(before.documents[0], fix), options);
                    const what = `${s.code} "${fix.title}"`;
                    const count = (c: Checked) => c.seen[0].filter(x => x.code === s.code).length;
                    expect(count(after), `${what} removes its finding`).toBe(count(before) - 1);
                    const added = [...errorCounts(after)].filter(([code, n]) => n > (beforeErrors.get(code) ?? 0)).map(([code]) => code);
                    expect(added, `${what} adds no error`).toEqual([]);
                }
            }
        });
    }
});

describe('a fix that would harm is not offered', () => {
    const offered = async (text: string, code: string) => {
        const before = await check(text, { routesPerPeer: routesPerPeerOf(text) });
        const s = before.seen[0].find(x => x.code === code)!;
        expect(s, code).toBeDefined();
        const blocker = fixBlocker(before.topology, before.findings.find(f => f.code === code)!, before.findings, { routesPerPeer: routesPerPeerOf(text) ?? 1000 });
        // The fix applied all the same (a bare provider offers it untried): the errors it would add.
        const [fix] = await actionsFor(before.documents[0], s.diagnostic, { tried: false });
        const after = await check(apply(before.documents[0], fix), { routesPerPeer: routesPerPeerOf(text) });
        const added = [...errorCounts(after)].filter(([c, n]) => n > (errorCounts(before).get(c) ?? 0)).map(([c]) => c);
        return { titles: (await actionsFor(before.documents[0], s.diagnostic)).map(a => a.title), data: { fixBlocked: blocker }, added };
    };

    it('no reverse peering between overlapping VNets (it would draw address-space-overlap)', async () => {
        const { titles, data } = await offered(CASES[0][1], 'peering-not-connected');
        expect(titles).toEqual(['Suppress peering-not-connected on this line']);
        expect(String(data?.fixBlocked)).toMatch(/^address-space-overlap: /);
    });

    it('no reverse peering that makes a spoke with its own route server dual-homed', async () => {
        const { titles, data } = await offered(CASES[2][1], 'peering-not-connected');
        expect(titles).toEqual(['Suppress peering-not-connected on this line']);
        expect(String(data?.fixBlocked)).toMatch(/^dual-homed-use-remote-gateways: /);
    });

    it('no multihop: true that brings up a session past the route limit', async () => {
        const { titles, data } = await offered(CASES[4][1], 'bgp-multihop-disabled');
        expect(titles).toEqual(['Suppress bgp-multihop-disabled on this line']);
        expect(String(data?.fixBlocked)).toMatch(/^route-limit-exceeded: /);
    });

    it('no AzureFirewallSubnet widened to a /26 over the subnet next to it (it would draw subnet-overlap)', async () => {
        const { titles, data, added } = await offered(CASES[5][1], 'firewall-subnet-too-small');
        expect(titles).toEqual(['Suppress firewall-subnet-too-small on this line']);
        expect(String(data?.fixBlocked)).toMatch(/^subnet-overlap: The AzureFirewallSubnet of 'azfw' \(10\.1\.4\.0\/26\) overlaps the subnet 'workload'/);
        expect(added).toEqual(['subnet-overlap']);
    });

    it('no reverse VNet-to-VNet connection that reaches what an intent keeps apart (it would draw intent-violated)', async () => {
        const { titles, data, added } = await offered(CASES[6][1], 'connection-not-reciprocal');
        expect(titles).toEqual(['Suppress connection-not-reciprocal on this line']);
        expect(String(data?.fixBlocked)).toMatch(/^intent-violated: Intent 'isolated' does not hold .* vm2 > vpngw2 > vpngw1 > vm1 delivers it/);
        expect(added).toEqual(['intent-violated']);
    });
});
