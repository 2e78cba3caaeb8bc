import { describe, expect, it } from 'vitest';
import { makePrefix } from '../../language-server/src/model/prefix.js';
import type { RoutingResult } from '../../language-server/src/routing/index.js';
import { checkRouting, listPrefixes } from '../../language-server/src/validation/routing-checks.js';
import { check, diagnose, fmt, only, seedTopology } from './check-helpers.js';

/** The codes of docs/language.md §3 that come from the route engine's result. */

describe('route-limit-exceeded', () => {
    const SDWAN = (advertises: string) => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva sdwan1 { ip: 10.1.2.4, asn: 65001, advertises: [${advertises}] }
}
bgp sdwan1 <-> rs1`;

    it('is an error on the bgp statement past the configured limit, and the session carries nothing', async () => {
        const result = await check(SDWAN('10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16'), { routesPerPeer: 2 });
        expect(result.seen[0].map(fmt)).toEqual(['route-limit-exceeded/error@6:1-6:19']);
        expect(result.seen[0][0].message).toContain('3 prefixes, more than the per-peer limit of 2');
        expect(result.seen[0][0].data).toMatchObject({ code: 'route-limit-exceeded', count: 3, limit: 2 });
        expect(result.routing.session(result.topology.sessions[0])?.up).toBe(false);
    });

    it('uses the default of 1000', async () => {
        const many = Array.from({ length: 1001 }, (_, i) => makePrefix(0xac100000 + i * 256, 24).text).join(', ');
        expect(await diagnose(SDWAN(many))).toEqual(['route-limit-exceeded/error@6:1-6:19']);
        const thousand = Array.from({ length: 1000 }, (_, i) => makePrefix(0xac100000 + i * 256, 24).text).join(', ');
        expect(await diagnose(SDWAN(thousand))).toEqual([]);
    });

    it('counts the routes an NVA relays, not only its own', async () => {
        expect(await only('route-limit-exceeded', `${SDWAN('')}
onprem branch { asn: 65100, prefixes: [192.168.1.0/24, 192.168.2.0/24, 192.168.3.0/24] }
bgp sdwan1 <-> branch`, { routesPerPeer: 2 })).toEqual(['route-limit-exceeded/error@6:1-6:19']);
    });

    it('near miss: exactly at the limit', async () => {
        expect(await diagnose(SDWAN('10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16'), { routesPerPeer: 3 })).toEqual([]);
    });
});

const SEED = seedTopology;

describe('missing-as-override', () => {
    it('is a warning on the bgp statement, listing the dropped prefixes, with data for the quick fix', async () => {
        const { seen } = await check(SEED('bgp nva1 <-> rs0'));
        expect(seen[0].map(fmt)).toEqual(['missing-as-override/warning@15:1-15:17']);
        expect(seen[0][0].message).toBe("Route server 'rs0' drops 2 routes that NVA 'nva1' relays, because their AS path already holds 65515 (another Route Server or gateway): 10.2.13.0/25, 10.101.0.0/16. Every Route Server and ExpressRoute gateway is AS 65515, and a BGP speaker drops a route whose AS path holds its own ASN. It has no other path to them. Add asOverride: true to 'nva1 <-> rs0'.");
        expect(seen[0][0].data).toMatchObject({
            code: 'missing-as-override', session: 'nva1 <-> rs0', nva: 'nva1', routeServer: 'rs0', prefixes: ['10.2.13.0/25', '10.101.0.0/16']
        });
    });

    it('lists the first five prefixes, then a count', async () => {
        const { seen } = await check(SEED('bgp nva1 <-> rs0', ', 10.2.14.0/24, 10.2.15.0/24, 10.2.16.0/24, 10.2.17.0/24, 10.2.18.0/24, 10.2.19.0/24'));
        expect(seen[0][0].message).toContain(': 10.2.13.0/25, 10.2.14.0/24, 10.2.15.0/24, 10.2.16.0/24, 10.2.17.0/24 and 3 more. ');
        expect(listPrefixes([makePrefix(0, 0)])).toBe('0.0.0.0/0');
    });

    it('is on a multi-line statement as a whole', async () => {
        expect(await diagnose(SEED('bgp nva1 <-> rs0 {\n  multihop: true\n}'))).toEqual(['missing-as-override/warning@15:1-17:2']);
    });

    it('near miss: asOverride: true', async () => {
        expect(await diagnose(SEED('bgp nva1 <-> rs0 { asOverride: true }'))).toEqual([]);
    });

    it('near miss: the route server has another path to every dropped prefix', async () => {
        const text = SEED('bgp nva1 <-> rs0', '').replace('  nva nva1 { ip: 10.101.3.10, asn: 65001 }',
            '  nva nva1 { ip: 10.101.3.10, asn: 65001 }\n  nva nva2 { ip: 10.101.3.11, asn: 65002 }')
            + '\nbgp nva2 <-> rs1 { asOverride: true }\nbgp nva2 <-> rs0 { asOverride: true }';
        const { seen, routing, topology } = await check(text);
        expect(seen[0].map(fmt)).toEqual([]);
        // The drops are there (hover material), just not lost.
        const rs0 = topology.vnets.find(v => v.name === 'spoke')!.routeServers[0];
        expect(routing.rib(rs0)!.received.filter(r => r.reason?.kind === 'as-path-loop').map(r => r.prefix.text)).toContain('10.2.13.0/25');
    });
});

describe('advertised-prefix-ignored', () => {
    const HUB = (advertises: string) => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [${advertises}] }
}
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }
bgp fw1 <-> rs1`;

    it('is a warning on each ignored prefix in advertises', async () => {
        const { seen } = await check(HUB('10.0.0.0/8, 10.10.1.0/24, 10.1.0.0/16'));
        expect(seen[0].map(fmt)).toEqual(['advertised-prefix-ignored/warning@4:64-4:76', 'advertised-prefix-ignored/warning@4:78-4:89']);
        expect(seen[0][0].message).toContain("10.10.1.0/24, which is inside the range 10.10.0.0/16 of VNet 'spoke1' in the domain of route server 'rs1'");
        expect(seen[0][1].message).toContain("10.1.0.0/16, which is equal to the range 10.1.0.0/16 of VNet 'hub1'");
    });

    // Issue 17: suggestions checked against the route servers' domains before they are offered.
    it('for a range of a subnet of one VNet, says system routes win and a user route is the way', async () => {
        const { seen } = await check(HUB('10.10.1.0/24'));
        expect(seen[0][0].message).toBe("NVA 'fw1' advertises 10.10.1.0/24, which is inside the range 10.10.0.0/16 of VNet 'spoke1' in the domain of route server 'rs1': Route Server ignores a route equal to or more specific than a VNet range of its domain, and programs nothing. Within a VNet and across a peering the system routes win even over a more specific BGP route, so no advertisement can steer traffic to part of 'spoke1'. To send traffic for 10.10.1.0/24 through 'fw1', use a user route (10.10.1.0/24 -> VirtualAppliance fw1) in the route table of each subnet that sends it.");
        expect(seen[0][0].message).not.toContain('supernet');
    });

    it('suggests the nearest supernet when Route Server accepts it and it covers no other range of the domain', async () => {
        const { seen } = await check(HUB('10.10.0.0/16'));
        expect(seen[0][0].message).toContain('Advertise a supernet instead, such as 10.10.0.0/15: Route Server accepts it');
        // The suggestion, applied, is programmed (the engine agrees).
        const applied = await check(HUB('10.10.0.0/15'));
        expect(applied.seen[0]).toEqual([]);
        const hub = applied.topology.vnets.find(v => v.name === 'hub1')!;
        expect(applied.routing.programmedInto(hub).map(p => p.prefix.text)).toEqual(['10.10.0.0/15']);
    });

    it('does not suggest a supernet that would cover another range of the domain', async () => {
        const text = HUB('10.10.0.0/16').replace('spoke spoke1 { addressSpace: [10.10.0.0/16] }', `spoke spoke1 { addressSpace: [10.10.0.0/16] }
spoke spoke2 { addressSpace: [10.11.0.0/16] }
peering spoke2 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke2 { allowGatewayTransit: true }`);
        const { seen } = await check(text);
        const f = seen[0].find(s => s.code === 'advertised-prefix-ignored')!;
        expect(f.message).not.toContain('Advertise a supernet');
        expect(f.message).toContain("Every supernet of it also covers the range 10.11.0.0/16 of VNet 'spoke2' in the same domain");
        expect(f.message).toContain('use a user route (10.10.0.0/16 -> VirtualAppliance fw1)');
    });

    it('near miss: a supernet, and a spoke outside the domain (no useRemoteGateways)', async () => {
        expect(await diagnose(HUB('10.0.0.0/8'))).toEqual([]);
        expect(await diagnose(HUB('10.10.0.0/16').replace(' { useRemoteGateways: true }', '').replace(' { allowGatewayTransit: true }', ''))).toEqual([]);
    });
});

describe('nva-default-route-loop', () => {
    const HUB = (subnet: string, tables = '') => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  ${subnet}
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [10.0.0.0/8, 0.0.0.0/0] }
}
bgp fw1 <-> rs1
${tables}`;

    it('is a warning on the 0.0.0.0/0 in advertises', async () => {
        const { seen } = await check(HUB('subnet nva-subnet { prefix: 10.1.2.0/24 }'));
        expect(seen[0].map(fmt)).toEqual(['nva-default-route-loop/warning@5:64-5:73']);
        expect(seen[0][0].message).toContain("programs it back into its own subnet 'nva-subnet'");
    });

    it('also for an NVA in the implicit default subnet', async () => {
        expect(await diagnose(HUB(''))).toEqual(['nva-default-route-loop/warning@5:64-5:73']);
    });

    it('near miss: a UDR 0.0.0.0/0 -> Internet on the NVA subnet', async () => {
        expect(await diagnose(HUB('subnet nva-subnet { prefix: 10.1.2.0/24, routeTable: rt-nva }',
            'routeTable rt-nva { route internet { prefix: 0.0.0.0/0, nextHopType: Internet } }'))).toEqual([]);
    });

    it('near miss (v2): a firewall whose BGP NIC is not its internet NIC, whose subnet sends 0/0 to the Internet', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet trust { prefix: 10.1.2.0/24 }
  subnet untrust { prefix: 10.1.1.0/24, routeTable: rt-untrust }
  nva fw1 {
    asn: 65001
    advertises: [0.0.0.0/0]
    nic trust { ip: 10.1.2.4 }
    nic untrust { ip: 10.1.1.4 }
  }
}
bgp fw1 <-> rs1
routeTable rt-untrust { route internet { prefix: 0.0.0.0/0, nextHopType: Internet } }
`;
        expect(await diagnose(text)).toEqual([]);
        // Without the untrust NIC's Internet route the loop is real, and still reported.
        expect(await diagnose(text.replace(', routeTable: rt-untrust', '').replace(/routeTable rt-untrust .*\n/, ''))).toEqual(['nva-default-route-loop/warning@8:18-8:27']);
    });

    it('near miss: propagation disabled on the NVA subnet (bgp-propagation-disabled says so instead)', async () => {
        expect(await diagnose(HUB('subnet nva-subnet { prefix: 10.1.2.0/24, routeTable: rt-nva }',
            'routeTable rt-nva { disableBgpRoutePropagation: true }'))).toEqual(['bgp-propagation-disabled/info@8:21-8:53']);
    });
});

describe('forwarded-traffic-blocked', () => {
    it('a UDR to an NVA in the peered hub: on the spoke -> hub peering statement', async () => {
        const { seen } = await check(`hub hub1 {
  addressSpace: [10.1.0.0/16]
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
spoke spoke1 {
  addressSpace: [10.10.0.0/16]
  subnet workload { prefix: 10.10.1.0/24, routeTable: rt-spoke1 }
  vm web1 { ip: 10.10.1.4 }
}
peering spoke1 -> hub1
peering hub1 -> spoke1
routeTable rt-spoke1 {
  route to-internet { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 }
}`);
        expect(seen[0].map(fmt)).toEqual(['forwarded-traffic-blocked/warning@10:1-10:23']);
        expect(seen[0][0].message).toBe("VMs of 'spoke1' (web1) send 0.0.0.0/0 to NVA 'fw1' in hub1, but 'spoke1 -> hub1' does not allow forwarded traffic: a peering admits traffic that did not start in the peered VNet only with allowForwardedTraffic, so what the NVA forwards back into 'spoke1' is dropped. Set allowForwardedTraffic: true on 'spoke1 -> hub1'.");
    });

    const BGP = (flag: string) => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [172.16.0.0/12] }
}
spoke spoke1 { addressSpace: [10.10.0.0/16], vm web1 { ip: 10.10.1.4 } }
peering spoke1 -> hub1 { useRemoteGateways: true, ${flag} }
peering hub1 -> spoke1 { allowGatewayTransit: true }
bgp fw1 <-> rs1`;

    it('a BGP route to an NVA in the hub: on the written `allowForwardedTraffic: false`', async () => {
        expect(await diagnose(BGP('allowForwardedTraffic: false'))).toEqual(['forwarded-traffic-blocked/warning@7:51-7:79']);
    });

    it('a UDR by address to the NVA in the hub counts too', async () => {
        expect(await only('forwarded-traffic-blocked', `hub hub1 { addressSpace: [10.1.0.0/16], nva fw1 { ip: 10.1.2.4, asn: 65001 } }
spoke spoke1 { addressSpace: [10.10.0.0/16], subnet s { prefix: 10.10.1.0/24, routeTable: rt }, vm web1 { ip: 10.10.1.4 } }
peering spoke1 -> hub1
peering hub1 -> spoke1
routeTable rt { route r { prefix: 10.0.0.0/8, nextHopType: VirtualAppliance, nextHop: 10.1.2.4 } }`)).toEqual(['forwarded-traffic-blocked/warning@3:1-3:23']);
    });

    it('near miss: allowForwardedTraffic on, no VMs in the spoke, or the NVA in the same VNet', async () => {
        expect(await diagnose(BGP('allowForwardedTraffic: true'))).toEqual([]);
        expect(await diagnose(BGP('allowForwardedTraffic: false').replace(', vm web1 { ip: 10.10.1.4 }', ''))).toEqual([]);
        expect(await diagnose(`hub hub1 {
  addressSpace: [10.1.0.0/16]
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
  subnet workload { prefix: 10.1.3.0/24, routeTable: rt }
  vm app1 { ip: 10.1.3.4 }
}
routeTable rt { route r { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw1 } }`)).toEqual([]);
    });
});

describe('bgp-propagation-disabled', () => {
    const HUB = (disable: string) => `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva sdwan1 { ip: 10.1.2.4, asn: 65001, advertises: [192.168.0.0/16, 172.16.0.0/12] }
  subnet workload { prefix: 10.1.3.0/24, routeTable: rt-workload }
  subnet data { prefix: 10.1.4.0/24, routeTable: rt-workload }
}
bgp sdwan1 <-> rs1
routeTable rt-workload { disableBgpRoutePropagation: ${disable} }`;

    it('is info on `disableBgpRoutePropagation: true`, with the count of BGP routes removed', async () => {
        const { seen } = await check(HUB('true'));
        expect(seen[0].map(fmt)).toEqual(['bgp-propagation-disabled/info@9:26-9:58']);
        expect(seen[0][0].message).toBe("Route table 'rt-workload' disables BGP route propagation: its subnets hub1/workload, hub1/data do not get 2 BGP routes from route servers and gateways (172.16.0.0/12, 192.168.0.0/16), as propagation is off for gateway and Route Server routes alike. Keep it only if user routes replace them.");
        expect(seen[0][0].data).toMatchObject({ count: 2 });
    });

    it('on an NVA\'s own subnet, explains that this is the usual fix for the default-route loop', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet nva-subnet { prefix: 10.1.2.0/24, routeTable: rt-nva }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] }
}
bgp fw1 <-> rs1
routeTable rt-nva { disableBgpRoutePropagation: true }`;
        const { seen } = await check(text);
        expect(seen[0].map(fmt)).toEqual(['bgp-propagation-disabled/info@8:21-8:53']);
        expect(seen[0][0].message).toContain("On the subnet of NVA 'fw1', which advertises 0.0.0.0/0, this is the usual fix for the default-route loop (nva-default-route-loop)");
        expect(seen[0][0].message).not.toContain('Keep it only if');
        // ...and the loop is indeed gone.
        expect((await check(text.replace('disableBgpRoutePropagation: true', 'disableBgpRoutePropagation: false'))).seen[0].map(s => s.code)).toEqual(['nva-default-route-loop']);
    });

    it('on the GatewaySubnet (a gateway\'s routeTable), says that Azure forbids it: the gateway stops working (ER-PROP, MC-22)', async () => {
        const text = `onprem dc { asn: 65020, prefixes: [192.168.0.0/16] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  gateway ergw { type: ExpressRoute, subnet: 10.1.255.0/27, connections: [dc], routeTable: rt-gw }
}
routeTable rt-gw { disableBgpRoutePropagation: true }`;
        const { seen } = await check(text);
        expect(seen[0].map(fmt)).toEqual(['bgp-propagation-disabled/info@6:20-6:52']);
        expect(seen[0][0].message).toBe("Route table 'rt-gw' disables BGP route propagation: its subnet hub1/GatewaySubnet does not get 1 BGP route from route servers and gateways (192.168.0.0/16), as propagation is off for gateway and Route Server routes alike. Azure says not to disable BGP route propagation on the GatewaySubnet: the gateway stops working. Set disableBgpRoutePropagation: false on this route table, or use another one for the GatewaySubnet.");
        expect(await diagnose(text.replace('disableBgpRoutePropagation: true', 'disableBgpRoutePropagation: false'))).toEqual([]);
    });

    it('near miss: propagation on, a table with no subnet, and no BGP routes to remove', async () => {
        expect(await diagnose(HUB('false'))).toEqual([]);
        expect(await diagnose('routeTable rt { disableBgpRoutePropagation: true }')).toEqual([]);
        expect(await diagnose(`hub hub1 { addressSpace: [10.1.0.0/16], subnet s { prefix: 10.1.3.0/24, routeTable: rt } }
routeTable rt { disableBgpRoutePropagation: true }`)).toEqual([]);
    });
});

describe('checkRouting reads the route engine result only', () => {
    it('reports what a result says, whatever the topology would compute', async () => {
        const { topology } = await check(`hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
bgp fw1 <-> rs1`);
        const statement = topology.sessions[0];
        const session = { id: 'bgp:fw1<->rs1', kind: 'bgp', a: statement.left, b: statement.right, statement, up: false, down: undefined, aToB: [], bToA: [] };
        const stub = {
            routeLimitTeardowns: [{ session, count: 4001, limit: 4000 }],
            rib: () => undefined,
            effectiveRoutes: () => []
        } as unknown as RoutingResult;
        const findings = checkRouting(topology, stub, { routesPerPeer: 4000 });
        expect(findings.map(f => `${f.code}: ${f.message}`)).toEqual([
            "route-limit-exceeded: NVA 'fw1' sends route server 'rs1' 4001 prefixes, more than the per-peer limit of 4000: Route Server tears down the session of a peer that sends more than its per-peer limit (counting the routes it holds plus those in the update), and the session carries nothing either way. Summarise what 'fw1' advertises, or, if your Route Server's limit is higher (the 09/2025 FAQ says 4,000), raise the limit: the setting azrs.limits.routesPerPeer (now 4000) in the editor, --routes-per-peer on the command line."]);
    });
});
