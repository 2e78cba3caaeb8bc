import { describe, it, expect } from 'vitest';
import { rows, routes } from './run.js';
import { DUAL } from './fixtures.js';

const NONE4 = ['Default Active 10.0.0.0/8 None', 'Default Active 100.64.0.0/10 None', 'Default Active 172.16.0.0/12 None', 'Default Active 192.168.0.0/16 None'];


describe('system routes', () => {
    it('a lone VNet: VnetLocal, Internet and the four None routes, in prefix order', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v { ip: 10.1.0.4 } }\n`;
        expect(rows(t, ['--vm', 'v'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'Default Active 10.1.0.0/16 VnetLocal',
            'Default Active 100.64.0.0/10 None',
            'Default Active 172.16.0.0/12 None',
            'Default Active 192.168.0.0/16 None',
        ]);
    });
    it('None adjustment: VNet range equal to or containing a reserved range removes that None route', () => {
        const t = `vnet a { addressSpace: [10.0.0.0/8, 172.0.0.0/8]\n  vm v { ip: 10.1.0.4 } }\n`;
        expect(rows(t, ['--vm', 'v'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 VnetLocal',
            'Default Active 100.64.0.0/10 None',
            'Default Active 172.0.0.0/8 VnetLocal',
            'Default Active 192.168.0.0/16 None',
        ]);
    });
    it('None adjustment: 192.168.0.0/16 equal; 100.64.0.0/10 kept when the VNet is inside it', () => {
        const t = `vnet a { addressSpace: [192.168.0.0/16, 100.64.0.0/16]\n  vm v { ip: 192.168.0.4 } }\n`;
        expect(rows(t, ['--vm', 'v'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'Default Active 100.64.0.0/10 None',
            'Default Active 100.64.0.0/16 VnetLocal',
            'Default Active 172.16.0.0/12 None',
            'Default Active 192.168.0.0/16 VnetLocal',
        ]);
    });
    it('peering: VNetPeering same region / no region, VNetGlobalPeering across regions, nothing when Initiated', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16], region: westeurope
  vm v { ip: 10.1.0.4 } }
vnet b { addressSpace: [10.2.0.0/16], region: westeurope }
vnet c { addressSpace: [10.3.0.0/16, 10.33.0.0/16], region: northeurope }
vnet d { addressSpace: [10.4.0.0/16] }
vnet e { addressSpace: [10.5.0.0/16], region: westeurope }
peering a -> b
peering b -> a
peering a -> c
peering c -> a
peering a -> d
peering d -> a
peering a -> e
`;
        expect(rows(t, ['--vm', 'v'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'Default Active 10.1.0.0/16 VnetLocal',
            'Default Active 10.2.0.0/16 VNetPeering',
            'Default Active 10.3.0.0/16 VNetGlobalPeering',
            'Default Active 10.4.0.0/16 VNetPeering',
            'Default Active 10.33.0.0/16 VNetGlobalPeering',
            ...NONE4.slice(1),
        ]);
    });
    it('peering system routes are not transitive', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v { ip: 10.1.0.4 } }
vnet b { addressSpace: [10.2.0.0/16] }
vnet c { addressSpace: [10.3.0.0/16] }
peering a -> b
peering b -> a
peering b -> c
peering c -> b
`;
        expect(rows(t, ['--vm', 'v']).filter(r => r.includes('10.3.'))).toEqual([]);
    });
});

const HUB = (nvaExtra = '', more = '') => `
hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001${nvaExtra} }
  vm app1 { ip: 10.1.3.10 }
}
bgp fw1 <-> rs1
${more}`;

describe('BGP through Route Server', () => {
    it('T2: SD-WAN and firewall NVAs in one VNet', () => {
        const t = `
hub v { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs { subnet: 10.1.0.0/26 }
  nva sdwan { ip: 10.1.2.4, asn: 65001, advertises: [10.250.0.0/16] }
  nva fw { ip: 10.1.2.5, asn: 65002, advertises: [0.0.0.0/0] }
  vm app { ip: 10.1.3.10 } }
bgp sdwan <-> rs
bgp fw <-> rs
`;
        // v2 (docs/semantics.md §4.1, issue 12): a BGP 0.0.0.0/0 programmed into the subnet leaves out the
        // Default Internet row (v1: Invalid) and the four None rows (v1: Active).
        const expected = [
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.5',
            'Default Active 10.1.0.0/16 VnetLocal',
            'VirtualNetworkGateway Active 10.250.0.0/16 VirtualNetworkGateway 10.1.2.4',
        ];
        expect(rows(t, ['--vm', 'app'])).toEqual(expected);
        // the NVAs themselves get the routes too
        expect(rows(t, ['--subnet', 'v/nva'])).toEqual(expected);
    });
    it('T3: spokes with useRemoteGateways get the NVA 0/0; spokes without get nothing; no second hop', () => {
        const t = HUB(', advertises: [0.0.0.0/0]') + `
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
spoke s2 { addressSpace: [10.20.0.0/16]
  vm v2 { ip: 10.20.1.4 } }
vnet s3 { addressSpace: [10.30.0.0/16]
  vm v3 { ip: 10.30.1.4 } }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1 { allowGatewayTransit: true }
peering s2 -> hub1
peering hub1 -> s2
peering s3 -> s1
peering s1 -> s3
`;
        // v2 (docs/semantics.md §4.1, issue 12): a BGP 0.0.0.0/0 programmed into the subnet leaves out the
        // Default Internet row (v1: Invalid) and the four None rows (v1: Active).
        expect(rows(t, ['--vm', 'v1'])).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4',
            'Default Active 10.1.0.0/16 VNetPeering',
            'Default Active 10.10.0.0/16 VnetLocal',
            'Default Active 10.30.0.0/16 VNetPeering',
        ]);
        expect(rows(t, ['--vm', 'v2'])).toContain('Default Active 0.0.0.0/0 Internet');
        expect(rows(t, ['--vm', 'v2']).filter(r => r.startsWith('VirtualNetworkGateway'))).toEqual([]);
        expect(rows(t, ['--vm', 'v3']).filter(r => r.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });
    it('RT-NO-VNET-PREFIX: VNet-range prefixes are not programmed, a supernet is', () => {
        const t = HUB(', advertises: [10.1.0.0/16, 10.10.5.0/24, 10.0.0.0/8]') + `
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1 { allowGatewayTransit: true }
`;
        for (const vm of ['app1', 'v1']) {
            const r = rows(t, ['--vm', vm]);
            expect(r).toContain('Default Invalid 10.0.0.0/8 None');
            expect(r).toContain('VirtualNetworkGateway Active 10.0.0.0/8 VirtualNetworkGateway 10.1.2.4');
            expect(r.filter(x => x.includes('10.10.5.0/24') || x.startsWith('VirtualNetworkGateway Active 10.1.0.0/16'))).toEqual([]);
        }
    });
    it('RT-SYSTEM-WINS: a BGP route more specific than a Connected peered range (outside the domain) has no row', () => {
        const t = HUB(', advertises: [10.20.1.0/24, 10.21.0.0/16]') + `
vnet s2 { addressSpace: [10.20.0.0/16] }
peering s2 -> hub1
peering hub1 -> s2
`;
        const r = rows(t, ['--vm', 'app1']);
        expect(r.filter(x => x.includes('10.20.1.0/24'))).toEqual([]);
        expect(r).toContain('Default Active 10.20.0.0/16 VNetPeering');
        expect(r).toContain('VirtualNetworkGateway Active 10.21.0.0/16 VirtualNetworkGateway 10.1.2.4');
    });
    it('ECMP: equal AS-path length gives one row with the next hops sorted', () => {
        const t = `
hub v { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs { subnet: 10.1.0.0/26 }
  nva n1 { ip: 10.1.2.100, asn: 65001, advertises: [192.168.1.0/24] }
  nva n2 { ip: 10.1.2.40, asn: 65002, advertises: [192.168.1.0/24] }
  nva n3 { ip: 10.1.2.5, asn: 65003, advertises: [192.168.1.0/24] }
  vm app { ip: 10.1.3.10 } }
bgp n1 <-> rs
bgp n2 <-> rs
bgp n3 <-> rs
`;
        const r = routes(t, ['--vm', 'app']).filter(x => x.addressPrefix[0] === '192.168.1.0/24');
        expect(r.length).toBe(1);
        expect(r[0].source).toBe('VirtualNetworkGateway');
        expect(r[0].nextHopIpAddress).toEqual(['10.1.2.5', '10.1.2.40', '10.1.2.100']);
    });
    it('T8: prepend on one NVA removes it from the set; state: down fails over to the prepended one', () => {
        const base = (p: string, down: string) => `
hub v { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs { subnet: 10.1.0.0/26 }
  nva n1 { ip: 10.1.2.4, asn: 65001, advertises: [192.168.1.0/24]${down} }
  nva n2 { ip: 10.1.2.5, asn: 65002, advertises: [192.168.1.0/24] }
  vm app { ip: 10.1.3.10 } }
bgp n1 <-> rs
bgp n2 <-> rs${p}
`;
        const pick = (t: string) => rows(t, ['--vm', 'app']).filter(x => x.includes('192.168.1.0/24') && x.startsWith('VirtualNetworkGateway'));
        expect(pick(base(' { asPathPrepend: 1 }', ''))).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.2.4']);
        expect(pick(base(' { asPathPrepend: 1 }', ', state: down'))).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.2.5']);
        expect(pick(base('', ''))).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.2.4,10.1.2.5']);
        // the BGP route beats the Default None of the same prefix
        expect(rows(base('', ''), ['--vm', 'app'])).toContain('Default Active 192.168.0.0/16 None');
    });
    it('nextHop (load balancer) is used as the next hop IP', () => {
        const t = HUB(', advertises: [172.20.0.0/16], nextHop: 10.1.2.100');
        expect(rows(t, ['--vm', 'app1'])).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.2.100');
    });
    it('an NVA relays onprem routes learned over its own BGP session to the RS', () => {
        const t = HUB() + `onprem branch { asn: 65050, prefixes: [172.30.0.0/16] }
bgp fw1 <-> branch
`;
        expect(rows(t, ['--vm', 'app1'])).toContain('VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway 10.1.2.4');
    });
    it('NVA <-> NVA: the relaying NVA sets its own next hop', () => {
        const t = HUB() + `vnet edge { addressSpace: [10.9.0.0/16]
  nva sd { ip: 10.9.0.4, asn: 65009, advertises: [172.30.0.0/16] } }
bgp sd <-> fw1
`;
        expect(rows(t, ['--vm', 'app1'])).toContain('VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway 10.1.2.4');
    });
    it('a session with an error (peerAsn mismatch) carries nothing', () => {
        const t = HUB(', advertises: [172.20.0.0/16]').replace('bgp fw1 <-> rs1', 'bgp fw1 <-> rs1 { peerAsn: 65009 }');
        expect(rows(t, ['--vm', 'app1']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });
    it('an NVA with a reserved (error) asn takes part in no session', () => {
        const t = HUB(', advertises: [172.20.0.0/16]').replace('asn: 65001', 'asn: 65520');
        expect(rows(t, ['--vm', 'app1']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });
    it('an NVA with the warning asn 65516 still works', () => {
        const t = HUB(', advertises: [172.20.0.0/16]').replace('asn: 65001', 'asn: 65516');
        expect(rows(t, ['--vm', 'app1'])).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.2.4');
    });
    it('route-limit-exceeded: the session is torn down (default 1000)', () => {
        const pfx = Array.from({ length: 1001 }, (_, i) => `172.16.${Math.floor(i / 256)}.${i % 256}/32`).join(', ');
        const t = HUB(`, advertises: [${pfx}]`);
        expect(rows(t, ['--vm', 'app1']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });
    it('past the eighth peer the rest are down', () => {
        let t = `hub h { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/26 }\n  subnet nva { prefix: 10.1.2.0/24 }\n  vm app { ip: 10.1.3.10 }\n`;
        for (let i = 1; i <= 9; i++) t += `  nva n${i} { ip: 10.1.2.${10 + i}, asn: ${65000 + i}, advertises: [172.20.${i}.0/24] }\n`;
        t += '}\n';
        for (let i = 1; i <= 9; i++) t += `bgp n${i} <-> rs\n`;
        const r = rows(t, ['--vm', 'app']);
        expect(r).toContain('VirtualNetworkGateway Active 172.20.8.0/24 VirtualNetworkGateway 10.1.2.18');
        expect(r.filter(x => x.includes('172.20.9.0/24'))).toEqual([]);
    });
    it('a useRemoteGateways flag that draws an error counts as false', () => {
        const t = HUB(', advertises: [0.0.0.0/0]') + `
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1
`;
        expect(rows(t, ['--vm', 'v1']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual([]);
    });
    it('a spoke in the domain with a more specific NVA route: RS drops it (RT-NO-VNET-PREFIX) and the hub has no row', () => {
        const t = HUB(', advertises: [10.10.1.0/24]') + `
spoke s1 { addressSpace: [10.10.0.0/16] }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1 { allowGatewayTransit: true }
`;
        expect(rows(t, ['--vm', 'app1']).filter(x => x.includes('10.10.1.0/24'))).toEqual([]);
    });
});

describe('UDRs and states', () => {
    it('T1: the official routing example (Subnet1 and Subnet2)', () => {
        const t = `
onprem onp { asn: 65050, prefixes: [10.10.0.0/16] }
vnet vn1 {
  addressSpace: [10.0.0.0/16]
  subnet Subnet1 { prefix: 10.0.0.0/24, routeTable: rt1 }
  subnet Subnet2 { prefix: 10.0.1.0/24 }
  subnet dmz { prefix: 10.0.100.0/24 }
  nva fw { ip: 10.0.100.4, asn: 65001 }
  gateway vpngw { type: Vpn, subnet: 10.0.255.0/27, connections: [onp] }
  vm vm1 { ip: 10.0.0.4 }
  vm vm2 { ip: 10.0.1.4 }
}
vnet vn2 { addressSpace: [10.1.0.0/16, 10.2.0.0/16] }
peering vn1 -> vn2
peering vn2 -> vn1
routeTable rt1 {
  route r1 { prefix: 10.0.0.0/16, nextHopType: VirtualAppliance, nextHop: 10.0.100.4 }
  route r2 { prefix: 10.0.0.0/24, nextHopType: VnetLocal }
  route r3 { prefix: 10.1.0.0/16, nextHopType: None }
  route r4 { prefix: 10.2.0.0/16, nextHopType: None }
  route r5 { prefix: 10.10.0.0/16, nextHopType: VirtualAppliance, nextHop: fw }
  route r6 { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw }
}
`;
        // v2 (docs/semantics.md §4.1; the example's own text: the None routes were "removed ... when the
        // user-defined route for 0.0.0.0/0 was added"): the UDR 0/0 to an appliance leaves out the
        // four None rows (v1 kept them).
        expect(rows(t, ['--vm', 'vm1'])).toEqual([
            'Default Invalid 0.0.0.0/0 Internet',
            'User Active 0.0.0.0/0 VirtualAppliance 10.0.100.4',
            'Default Invalid 10.0.0.0/16 VnetLocal',
            'User Active 10.0.0.0/16 VirtualAppliance 10.0.100.4',
            'User Active 10.0.0.0/24 VnetLocal',
            'Default Invalid 10.1.0.0/16 VNetPeering',
            'User Active 10.1.0.0/16 None',
            'Default Invalid 10.2.0.0/16 VNetPeering',
            'User Active 10.2.0.0/16 None',
            'VirtualNetworkGateway Invalid 10.10.0.0/16 VirtualNetworkGateway',
            'User Active 10.10.0.0/16 VirtualAppliance 10.0.100.4',
        ]);
        expect(rows(t, ['--subnet', 'vn1/Subnet2'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'Default Active 10.0.0.0/16 VnetLocal',
            'Default Active 10.1.0.0/16 VNetPeering',
            'Default Active 10.2.0.0/16 VNetPeering',
            'VirtualNetworkGateway Active 10.10.0.0/16 VirtualNetworkGateway',
            ...NONE4.slice(1),
        ]);
        // names of User routes
        const u = routes(t, ['--vm', 'vm1']).filter(x => x.source === 'User').map(x => x.name);
        expect(u).toEqual(['r6', 'r1', 'r2', 'r3', 'r4', 'r5']);
        expect(routes(t, ['--vm', 'vm1']).filter(x => x.source !== 'User').every(x => x.name === null)).toBe(true);
    });
    it('T6: UDR 0/0 Internet on the NVA subnet makes the BGP 0/0 Invalid there, other subnets keep it', () => {
        const t = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24, routeTable: rt-nva }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] }
  vm app1 { ip: 10.1.3.10 }
}
bgp fw1 <-> rs1
routeTable rt-nva { route inet { prefix: 0.0.0.0/0, nextHopType: Internet } }
`;
        // v2 (docs/semantics.md §4.1): the BGP 0/0 reaches the NVA subnet too, so its Default Internet row is
        // left out there (v1: Invalid); the UDR to Internet removes nothing itself and wins.
        expect(rows(t, ['--subnet', 'hub1/nva']).slice(0, 2)).toEqual([
            'VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4',
            'User Active 0.0.0.0/0 Internet',
        ]);
        expect(rows(t, ['--vm', 'app1']).slice(0, 1)).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4',
        ]);
    });
    it('disableBgpRoutePropagation removes RS and gateway routes, keeps UDRs', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [10.50.0.0/16] }
hub hub1 {
  addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  subnet w { prefix: 10.1.3.0/24, routeTable: rt }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [172.20.0.0/16] }
  vm app1 { ip: 10.1.3.10 }
}
bgp fw1 <-> rs1
routeTable rt { disableBgpRoutePropagation: true
  route x { prefix: 172.21.0.0/16, nextHopType: VirtualAppliance, nextHop: fw1 } }
`;
        const r = routes(t, ['--vm', 'app1']);
        expect(r.filter(x => x.source === 'VirtualNetworkGateway')).toEqual([]);
        expect(r.filter(x => x.source === 'User').map(x => x.addressPrefix[0])).toEqual(['172.21.0.0/16']);
        // other subnets still get them
        const r2 = rows(t, ['--subnet', 'hub1/nva']);
        expect(r2).toContain('VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway');
        expect(r2).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.2.4');
    });
    it('a UDR beats a BGP route of the same prefix; LPM across sources with --to', () => {
        const t = HUB(', advertises: [172.20.0.0/16, 0.0.0.0/0]').replace('vm app1 { ip: 10.1.3.10 }', 'subnet w { prefix: 10.1.3.0/24, routeTable: rt }\n  vm app1 { ip: 10.1.3.10 }') + `
routeTable rt { route x { prefix: 172.20.0.0/16, nextHopType: None } }
`;
        const r = rows(t, ['--vm', 'app1']);
        expect(r).toContain('VirtualNetworkGateway Invalid 172.20.0.0/16 VirtualNetworkGateway 10.1.2.4');
        expect(r).toContain('User Active 172.20.0.0/16 None');
        expect(r.indexOf('VirtualNetworkGateway Invalid 172.20.0.0/16 VirtualNetworkGateway 10.1.2.4')).toBeLessThan(r.indexOf('User Active 172.20.0.0/16 None'));
        expect(rows(t, ['--vm', 'app1'], ['--to', '172.20.5.5'])).toEqual(['User Active 172.20.0.0/16 None']);
        // v2 (docs/semantics.md §4.1): the BGP 0/0 removed 172.16.0.0/12 None, so 172.21.5.5 follows the
        // default to the NVA (v1: dropped by the None row).
        expect(rows(t, ['--vm', 'app1'], ['--to', '172.21.5.5'])).toEqual(['VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4']);
        expect(rows(t, ['--vm', 'app1'], ['--to', '8.8.8.8'])).toEqual(['VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4']);
        expect(rows(t, ['--vm', 'app1'], ['--to', '10.1.9.9'])).toEqual(['Default Active 10.1.0.0/16 VnetLocal']);
    });
    it('--subnet selects a declared subnet; a VM outside any subnet uses the default subnet (no route table)', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  subnet w { prefix: 10.1.3.0/24, routeTable: rt }
  vm inw { ip: 10.1.3.10 }
  vm dflt { ip: 10.1.9.10 } }
routeTable rt { route bh { prefix: 10.99.0.0/16, nextHopType: None } }
`;
        expect(rows(t, ['--subnet', 'a/w'])).toContain('User Active 10.99.0.0/16 None');
        expect(rows(t, ['--vm', 'inw'])).toContain('User Active 10.99.0.0/16 None');
        expect(rows(t, ['--vm', 'dflt']).filter(x => x.startsWith('User'))).toEqual([]);
    });
    it('UDR next hop VirtualNetworkGateway / Internet / VnetLocal have no IP', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]
  gateway vpn { type: Vpn }
  subnet w { prefix: 10.1.3.0/24, routeTable: rt }
  vm v { ip: 10.1.3.10 } }
routeTable rt {
  route g { prefix: 172.20.0.0/16, nextHopType: VirtualNetworkGateway }
  route i { prefix: 8.8.8.8/32, nextHopType: Internet }
}
`;
        const r = routes(t, ['--vm', 'v']).filter(x => x.source === 'User');
        expect(r.map(x => [x.addressPrefix[0], x.nextHopType, x.nextHopIpAddress, x.name])).toEqual([
            ['8.8.8.8/32', 'Internet', [], 'i'],
            ['172.20.0.0/16', 'VirtualNetworkGateway', [], 'g'],
        ]);
    });
});

describe('gateways and domains', () => {
    const GW = (type: string, urg: boolean, site = 'dc1 { asn: 65020, prefixes: [10.50.0.0/16] }') => `
onprem ${site}
hub hub1 { addressSpace: [10.1.0.0/16]
  gateway gw { type: ${type}, subnet: 10.1.1.0/27, connections: [dc1] }
  vm hv { ip: 10.1.3.10 } }
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
peering s1 -> hub1${urg ? ' { useRemoteGateways: true }' : ''}
peering hub1 -> s1${urg ? ' { allowGatewayTransit: true }' : ''}
`;
    for (const type of ['ExpressRoute', 'Vpn']) {
        it(`${type} gateway programs connection routes with no next hop IP into hub and useRemoteGateways spokes`, () => {
            expect(rows(GW(type, true), ['--vm', 'hv'])).toContain('VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway');
            expect(rows(GW(type, true), ['--vm', 'v1'])).toContain('VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway');
            expect(rows(GW(type, false), ['--vm', 'v1']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual([]);
        });
    }
    it('gateway route of an onprem 192.168.0.0/16 makes the Default None Invalid', () => {
        const r = rows(GW('ExpressRoute', true, 'dc1 { asn: 65020, prefixes: [192.168.0.0/16] }'), ['--vm', 'v1']);
        expect(r).toContain('Default Invalid 192.168.0.0/16 None');
        expect(r).toContain('VirtualNetworkGateway Active 192.168.0.0/16 VirtualNetworkGateway');
    });
    it('T3: a more specific ER route overrides the NVA 0/0 for on-premises destinations (--to)', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [10.50.0.0/16] }
hub hub1 { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] } }
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1 { allowGatewayTransit: true }
bgp fw1 <-> rs1
`;
        expect(rows(t, ['--vm', 'v1'], ['--to', '10.50.1.1'])).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway']);
        expect(rows(t, ['--vm', 'v1'], ['--to', '1.1.1.1'])).toEqual(['VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.2.4']);
    });

    const HRP = (pref: string, b2b: boolean, prepend = 0) => `
onprem dc1 { asn: 65020, prefixes: [172.20.10.0/24] }
hub hub1 { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs1 { subnet: 10.1.0.0/26${b2b ? ', branchToBranch: true' : ''}${pref ? `, hubRoutingPreference: ${pref}` : ''} }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [172.20.10.0/24] }
  vm app { ip: 10.1.3.10 } }
bgp fw1 <-> rs1${prepend ? ` { asPathPrepend: ${prepend} }` : ''}
`;
    const pick = (t: string) => rows(t, ['--vm', 'app']).filter(x => x.includes('172.20.10.0/24'));
    it('hubRoutingPreference ExpressRoute (default): the ER route wins, one row', () => {
        expect(pick(HRP('', true))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway']);
        expect(pick(HRP('', false))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway']);
        expect(pick(HRP('ExpressRoute', true))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway']);
    });
    it('hubRoutingPreference VpnGateway: the NVA route wins over ER', () => {
        expect(pick(HRP('VpnGateway', true))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway 10.1.2.4']);
        expect(pick(HRP('VpnGateway', false))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway 10.1.2.4']);
    });
    it('hubRoutingPreference ASPath: shorter path wins ([65001] vs [12076 65020]); on a tie the gateway', () => {
        expect(pick(HRP('ASPath', true))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway 10.1.2.4']);
        expect(pick(HRP('ASPath', true, 1))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway']);
        expect(pick(HRP('ASPath', true, 2))).toEqual(['VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway']);
    });
    it('branch-to-branch: an ER route reaches the NVA and, via NVA<->NVA, another hub', () => {
        // hub1: RS + ER + fw1; fw1 peers an NVA fw2 in hub2 (which has RS rs2). rs2 should learn dc1's prefix via fw2 only if b2b is on in hub1.
        const t = (b2b: boolean) => `
onprem dc1 { asn: 65020, prefixes: [172.20.10.0/24] }
hub hub1 { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24 }
  routeServer rs1 { subnet: 10.1.0.0/26${b2b ? ', branchToBranch: true' : ''} }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  nva fw1 { ip: 10.1.2.4, asn: 65001 } }
hub hub2 { addressSpace: [10.2.0.0/16]
  subnet nva { prefix: 10.2.2.0/24 }
  routeServer rs2 { subnet: 10.2.0.0/26 }
  nva fw2 { ip: 10.2.2.4, asn: 65002 }
  vm v2 { ip: 10.2.3.10 } }
bgp fw1 <-> rs1 { asOverride: true }
bgp fw1 <-> fw2
bgp fw2 <-> rs2 { asOverride: true }
`;
        // path at rs2: fw2 sends [65002 65001 65515 12076 65020] with 65515 replaced? asOverride on fw2<->rs2 replaces only the peer's ASN 65515:
        // => [65002 65001 65002 12076 65020] accepted.
        expect(rows(t(true), ['--vm', 'v2'])).toContain('VirtualNetworkGateway Active 172.20.10.0/24 VirtualNetworkGateway 10.2.2.4');
        expect(rows(t(false), ['--vm', 'v2']).filter(x => x.includes('172.20.10.0/24'))).toEqual([]);
    });
});

describe('dual-homed ER (docs/semantics.md §5, T5)', () => {
    it('spoke VM: each DC prefix via its own hub NVA', () => {
        expect(rows(DUAL(), ['--vm', 'svm'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway 10.101.3.10',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.102.3.10',
            'Default Active 10.100.0.0/24 VnetLocal',
            'Default Active 10.101.0.0/16 VNetPeering',
            'Default Active 10.102.0.0/16 VNetPeering',
            ...NONE4.slice(1),
        ]);
    });
    it('hub1 VM: own DC via ER (no IP), the other DC and hub2 range via nva1', () => {
        expect(rows(DUAL(), ['--vm', 'h1vm'])).toEqual([
            'Default Active 0.0.0.0/0 Internet',
            'Default Active 10.0.0.0/8 None',
            'VirtualNetworkGateway Active 10.2.13.0/25 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.101.3.10',
            'Default Active 10.100.0.0/24 VNetPeering',
            'Default Active 10.101.0.0/16 VnetLocal',
            'VirtualNetworkGateway Active 10.102.0.0/16 VirtualNetworkGateway 10.101.3.10',
            ...NONE4.slice(1),
        ]);
    });
    it('without asOverride on nva1 <-> rs0 the spoke loses 10.2.13.0/25', () => {
        const r = rows(DUAL({ ao0: false }), ['--vm', 'svm']);
        expect(r.filter(x => x.includes('10.2.13.0/25'))).toEqual([]);
        expect(r).toContain('VirtualNetworkGateway Active 10.2.20.0/25 VirtualNetworkGateway 10.102.3.10');
    });
    it('global peering when regions differ', () => {
        const t = DUAL().replace('addressSpace: [10.101.0.0/16]', 'addressSpace: [10.101.0.0/16]\n  region: westus2').replace('addressSpace: [10.100.0.0/24]', 'addressSpace: [10.100.0.0/24]\n  region: eastus').replace('addressSpace: [10.102.0.0/16]', 'addressSpace: [10.102.0.0/16]\n  region: eastus');
        const r = rows(t, ['--vm', 'svm']);
        expect(r).toContain('Default Active 10.101.0.0/16 VNetGlobalPeering');
        expect(r).toContain('Default Active 10.102.0.0/16 VNetPeering');
    });
    it('T4 style: dual-homed with NVA-only hubs and an onprem site behind both NVAs (prepend on one)', () => {
        const t = `
onprem dc { asn: 65005, prefixes: [10.5.1.0/24] }
hub h1 { addressSpace: [10.101.0.0/16]
  nva csr1 { ip: 10.101.2.10, asn: 65001 } }
hub h2 { addressSpace: [10.102.0.0/16]
  nva csr2 { ip: 10.102.2.10, asn: 65002 } }
spoke s { addressSpace: [10.0.0.0/24, 10.0.1.0/24]
  routeServer rs0 { subnet: 10.0.0.0/25 }
  vm vm02 { ip: 10.0.1.4 } }
peering s -> h1 { allowForwardedTraffic: true }
peering h1 -> s { allowForwardedTraffic: true }
peering s -> h2 { allowForwardedTraffic: true }
peering h2 -> s { allowForwardedTraffic: true }
bgp csr1 <-> rs0
bgp csr2 <-> rs0 { asPathPrepend: 1 }
bgp csr1 <-> dc
bgp csr2 <-> dc
`;
        expect(rows(t, ['--vm', 'vm02'])).toContain('VirtualNetworkGateway Active 10.5.1.0/24 VirtualNetworkGateway 10.101.2.10');
        const down = t.replace('asn: 65001 }', 'asn: 65001, state: down }');
        expect(rows(down, ['--vm', 'vm02'])).toContain('VirtualNetworkGateway Active 10.5.1.0/24 VirtualNetworkGateway 10.102.2.10');
    });
});
