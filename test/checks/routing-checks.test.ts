import { describe, expect, it } from 'vitest';
import { makePrefix } from '../../language-server/src/model/prefix.js';
import type { RoutingResult } from '../../language-server/src/routing/index.js';
import { checkRouting, listPrefixes } from '../../language-server/src/validation/routing-checks.js';
import { check, diagnose, fmt, only, seedTopology } from './check-helpers.js';

/** The codes of LANGUAGE.md §3 that come from the route engine's result. */

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
        expect(seen[0][0].message).toBe("Route server 'rs0' drops 2 routes that NVA 'nva1' relays, because their AS path already holds 65515 (another Route Server or gateway): 10.2.13.0/25, 10.101.0.0/16. It has no other path to them. Add asOverride: true to 'nva1 <-> rs0'.");
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
        expect(seen[0][0].message).toBe("VMs of 'spoke1' (web1) send 0.0.0.0/0 to NVA 'fw1' in hub1, but 'spoke1 -> hub1' does not allow forwarded traffic: what the NVA forwards back into 'spoke1' is dropped. Set allowForwardedTraffic: true on 'spoke1 -> hub1'.");
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
        expect(seen[0][0].message).toBe("Route table 'rt-workload' disables BGP route propagation: its subnets hub1/workload, hub1/data do not get 2 BGP routes from route servers and gateways (172.16.0.0/12, 192.168.0.0/16). Keep it only if user routes replace them.");
        expect(seen[0][0].data).toMatchObject({ count: 2 });
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
            "route-limit-exceeded: NVA 'fw1' sends route server 'rs1' 4001 prefixes, more than the per-peer limit of 4000: Route Server tears the session down and it carries nothing either way. Summarise what 'fw1' advertises, or raise azrs.limits.routesPerPeer (now 4000) if your Route Server's limit is higher."]);
    });
});
