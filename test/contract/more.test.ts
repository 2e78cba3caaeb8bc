import { describe, it, expect } from 'vitest';
import { check, pos, rows, run } from './run.js';
import { DUAL } from './fixtures.js';

const codesOf = (t: string, extra: string[] = []) => check(t, extra).diags.map(d => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe('anchors on an explicitly written offending property', () => {
    it('missing-as-override: anchored on the written `asOverride: false` (docs/language.md §3 anchoring rule)', () => {
        const t = DUAL({ ao0: false });
        const d = check(t).diags.filter(x => x.code === 'missing-as-override');
        expect(d.length).toBe(1);
        const p = pos(t, 'asOverride: false');
        expect(d[0].line).toBe(p.line);
        // the property `asOverride: false` or its value `false`
        expect([p.column, p.column + 'asOverride: '.length]).toContain(d[0].column);
    });
    it('branch-to-branch-disabled: anchored on a written `branchToBranch: false`', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [192.168.0.0/16] }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26, branchToBranch: false }
  gateway er { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc1] }
  subnet nva { prefix: 10.1.2.0/24 }
  nva fw { ip: 10.1.2.4, asn: 65001 } }
bgp fw <-> rs
`;
        const d = check(t).diags.filter(x => x.code === 'branch-to-branch-disabled');
        expect(d.length).toBe(1);
        const p = pos(t, 'branchToBranch: false');
        expect(d[0].line).toBe(p.line);
        expect([p.column, p.column + 'branchToBranch: '.length]).toContain(d[0].column);
    });
    it('too-many-bgp-peers: on the ninth bgp statement', () => {
        let t = `hub h { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/26 }\n  subnet nva { prefix: 10.1.2.0/24 }\n`;
        for (let i = 1; i <= 9; i++) t += `  nva n${i} { ip: 10.1.2.${10 + i}, asn: ${65000 + i} }\n`;
        t += '}\n';
        for (let i = 1; i <= 9; i++) t += `bgp n${i} <-> rs\n`;
        const d = check(t).diags.filter(x => x.code === 'too-many-bgp-peers');
        expect(d.length).toBe(1);
        expect(d[0].line).toBe(pos(t, 'bgp n9 <-> rs').line);
    });
});

describe('route nextHop rules (docs/language.md §2: required for VirtualAppliance and forbidden otherwise)', () => {
    it('VirtualAppliance without nextHop is an error', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16] }
routeTable rt { route r { prefix: 10.9.0.0/16, nextHopType: VirtualAppliance } }
`;
        const r = check(t);
        expect(r.diags.filter(d => d.severity === 'error').length, JSON.stringify(r.diags)).toBeGreaterThanOrEqual(1);
        expect(r.code).toBe(1);
    });
    it('nextHop with nextHopType Internet / None is an error', () => {
        for (const nht of ['Internet', 'None', 'VnetLocal']) {
            const t = `vnet a { addressSpace: [10.1.0.0/16] }
routeTable rt { route r { prefix: 10.9.0.0/16, nextHopType: ${nht}, nextHop: 10.1.0.4 } }
`;
            const r = check(t);
            expect(r.diags.filter(d => d.severity === 'error').length, `${nht}: ${JSON.stringify(r.diags)}`).toBeGreaterThanOrEqual(1);
        }
    });
    it('a nextHop that names an unknown NVA is a linking error', () => {
        const r = check(`routeTable rt { route r { prefix: 10.9.0.0/16, nextHopType: VirtualAppliance, nextHop: nofw } }\n`);
        expect(r.code).toBe(1);
    });
    it('an unknown nextHopType (VNetPeering cannot be a UDR next hop) is an error', () => {
        expect(check(`routeTable rt { route r { prefix: 10.9.0.0/16, nextHopType: VNetPeering } }\n`).code).toBe(1);
    });
});

describe('more peering-flag precedence', () => {
    it('a VNet with its own route server, single hub: use-remote-gateways-with-local-gateway', () => {
        const t = `hub h1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 } }
spoke t { addressSpace: [10.4.0.0/16]
  routeServer rst { subnet: 10.4.0.0/26 } }
peering t -> h1 { useRemoteGateways: true }
peering h1 -> t { allowGatewayTransit: true }
`;
        expect(codesOf(t)).toEqual([`5:19 error use-remote-gateways-with-local-gateway`]);
    });
    it('URG on both peerings to two gateway hubs: a plain spoke gets multiple-use-remote-gateways; with its own RS one dual-homed finding per peering', () => {
        const t = `hub h1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 } }
hub h2 { addressSpace: [10.2.0.0/16]
  gateway g2 { type: ExpressRoute } }
spoke s { addressSpace: [10.3.0.0/16] }
peering s -> h1 { useRemoteGateways: true }
peering h1 -> s { allowGatewayTransit: true }
peering s -> h2 { useRemoteGateways: true }
peering h2 -> s
`;
        // v2 (docs/language.md §3, issue 17): the dual-homed rule needs a route server in the spoke; a
        // plain spoke with two flags is multiple-use-remote-gateways on the second.
        const plain = check(t).diags.map(d => d.code);
        expect(plain.filter(x => x === 'multiple-use-remote-gateways').length).toBe(1);
        expect(plain).not.toContain('dual-homed-use-remote-gateways');
        const withRs = t.replace('spoke s { addressSpace: [10.3.0.0/16] }', 'spoke s { addressSpace: [10.3.0.0/16]\n  routeServer rs0 { subnet: 10.3.0.0/26 } }');
        const c = check(withRs).diags.map(d => d.code);
        expect(c.filter(x => x === 'dual-homed-use-remote-gateways').length).toBe(2);
        expect(c).not.toContain('multiple-use-remote-gateways');
        expect(c).not.toContain('use-remote-gateways-without-transit');
    });
    it('address-space-overlap between peered VNets: error, on a range or a peering', () => {
        const t = `vnet h { addressSpace: [10.1.0.0/16] }
vnet p { addressSpace: [10.1.128.0/24] }
peering p -> h
peering h -> p
`;
        const d = check(t).diags.filter(x => x.code === 'address-space-overlap');
        expect(d.length).toBeGreaterThanOrEqual(1);
        expect(d.every(x => x.severity === 'error')).toBe(true);
    });
});

describe('more diagnostics semantics', () => {
    it('forwarded-traffic-blocked also for a BGP route to a hub NVA (spoke using the hub RS)', () => {
        const t = `hub hub1 { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24, routeTable: rtn }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] } }
routeTable rtn { route i { prefix: 0.0.0.0/0, nextHopType: Internet } }
bgp fw1 <-> rs1
spoke s1 { addressSpace: [10.10.0.0/16]
  vm v1 { ip: 10.10.1.4 } }
peering s1 -> hub1 { useRemoteGateways: true }
peering hub1 -> s1 { allowGatewayTransit: true }
`;
        expect(codesOf(t)).toEqual([`${pos(t, 'peering s1 -> hub1').line}:1 warning forwarded-traffic-blocked`]);
        expect(check(t.replace('{ useRemoteGateways: true }', '{ useRemoteGateways: true, allowForwardedTraffic: true }')).diags).toEqual([]);
    });
    it('nva-default-route-loop near miss: NVA outside the RS domain (spoke without useRemoteGateways)', () => {
        const t = `hub hub1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 } }
spoke s1 { addressSpace: [10.10.0.0/16]
  nva fw2 { ip: 10.10.2.4, asn: 65002, advertises: [0.0.0.0/0] } }
peering s1 -> hub1 { allowForwardedTraffic: true }
peering hub1 -> s1
bgp fw2 <-> rs1
`;
        expect(check(t).diags.filter(d => d.code === 'nva-default-route-loop')).toEqual([]);
    });
    it('nva-default-route-loop: NVA in the implicit default subnet fires', () => {
        const t = `hub hub1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] } }
bgp fw1 <-> rs1
`;
        expect(codesOf(t)).toEqual([`3:52 warning nva-default-route-loop`]);
    });
    it('nva-default-route-loop near miss: propagation disabled on the NVA subnet (only the info remains)', () => {
        const t = `hub hub1 { addressSpace: [10.1.0.0/16]
  subnet nva { prefix: 10.1.2.0/24, routeTable: rt-nva }
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001, advertises: [0.0.0.0/0] } }
bgp fw1 <-> rs1
routeTable rt-nva { disableBgpRoutePropagation: true }
`;
        expect(check(t).diags.map(d => d.code)).toEqual(['bgp-propagation-disabled']);
    });
    it('route-limit-exceeded counts relayed routes too', () => {
        const t = `onprem dc { asn: 65050, prefixes: [172.30.1.0/24, 172.30.2.0/24, 172.30.3.0/24] }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  nva b { ip: 10.1.2.5, asn: 65002 } }
bgp b <-> dc
bgp b <-> rs
`;
        expect(check(t, ['--routes-per-peer', '2']).diags.map(d => d.code)).toEqual(['route-limit-exceeded']);
        expect(check(t, ['--routes-per-peer', '3']).diags).toEqual([]);
    });
    it('missing-as-override near miss: the route server has another path to the dropped prefix', () => {
        const t = `onprem dc1 { asn: 65021, prefixes: [10.2.1.0/25] }
hub h1 { addressSpace: [10.101.0.0/16]
  routeServer rs1 { subnet: 10.101.1.0/26, branchToBranch: true }
  gateway ergw1 { type: ExpressRoute, subnet: 10.101.0.0/27, connections: [dc1] }
  subnet nva-subnet { prefix: 10.101.3.0/24 }
  nva nva1 { ip: 10.101.3.10, asn: 65001 } }
spoke s { addressSpace: [10.100.0.0/24]
  routeServer rs0 { subnet: 10.100.0.0/26 }
  nva sd { ip: 10.100.0.200, asn: 65003 } }
peering s -> h1
peering h1 -> s
bgp nva1 <-> rs1 { asOverride: true }
bgp nva1 <-> rs0
bgp sd <-> dc1
bgp sd <-> rs0
`;
        // 10.2.1.0/25 has another path (via sd); only h1's own range 10.101.0.0/16 is lost
        const d = check(t).diags.filter(x => x.code === 'missing-as-override');
        expect(d.length).toBe(1);
        expect(d[0].message).toContain('10.101.0.0/16');
        expect(d[0].message).not.toContain('10.2.1.0/25');
    });
    it('missing-as-override message lists the first five prefixes, then a count', () => {
        const pf = [1, 2, 3, 4, 5, 6, 7].map(i => `10.2.${i}.0/25`);
        const t = `onprem dc1 { asn: 65021, prefixes: [${pf.join(', ')}] }
hub h1 { addressSpace: [10.101.0.0/16]
  routeServer rs1 { subnet: 10.101.1.0/26, branchToBranch: true }
  gateway ergw1 { type: ExpressRoute, subnet: 10.101.0.0/27, connections: [dc1] }
  nva nva1 { ip: 10.101.3.10, asn: 65001 } }
spoke s { addressSpace: [10.100.0.0/24]
  routeServer rs0 { subnet: 10.100.0.0/26 } }
peering s -> h1
peering h1 -> s
bgp nva1 <-> rs1 { asOverride: true }
bgp nva1 <-> rs0
`;
        const d = check(t).diags.filter(x => x.code === 'missing-as-override');
        expect(d.length).toBe(1);
        for (const p of pf.slice(0, 5)) expect(d[0].message).toContain(p);
        expect(d[0].message).not.toContain(pf[6]);
        expect(d[0].message).toMatch(/\b3\b/);
    });
});

describe('more route computation', () => {
    it('T7: NVA routes do not cross the ExpressRoute MSEE to a second Route Server', () => {
        const t = `onprem dc { asn: 65020, prefixes: [192.168.50.0/24] }
hub v1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26, branchToBranch: true }
  gateway er1 { type: ExpressRoute, subnet: 10.1.1.0/27, connections: [dc] }
  nva sdwan { ip: 10.1.2.4, asn: 65001, advertises: [10.3.0.0/16] }
  vm vm1 { ip: 10.1.3.4 } }
hub v2 { addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26, branchToBranch: true }
  gateway er2 { type: ExpressRoute, subnet: 10.2.1.0/27, connections: [dc] }
  vm vm2 { ip: 10.2.3.4 } }
bgp sdwan <-> rs1
`;
        expect(rows(t, ['--vm', 'vm1'])).toContain('VirtualNetworkGateway Active 10.3.0.0/16 VirtualNetworkGateway 10.1.2.4');
        const r2 = rows(t, ['--vm', 'vm2']);
        expect(r2.filter(x => x.includes('10.3.0.0/16'))).toEqual([]);
        expect(r2).toContain('VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway');
    });
    it('same-asn NVAs: the second NVA drops the first one\'s routes, so it cannot relay them', () => {
        const t = (asn: number) => `hub h1 { addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  subnet nva { prefix: 10.1.2.0/24 }
  nva a { ip: 10.1.2.4, asn: 65001, advertises: [172.20.0.0/16] }
  nva b { ip: 10.1.2.5, asn: ${asn} } }
hub h2 { addressSpace: [10.2.0.0/16]
  routeServer rs2 { subnet: 10.2.0.0/26 }
  vm v2 { ip: 10.2.3.4 } }
peering h1 -> h2 { allowForwardedTraffic: true }
peering h2 -> h1 { allowForwardedTraffic: true }
bgp a <-> rs1
bgp b <-> rs1 { asOverride: true }
bgp b <-> rs2 { asOverride: true }
`;
        expect(rows(t(65002), ['--vm', 'v2'])).toContain('VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.2.5');
        expect(rows(t(65001), ['--vm', 'v2']).filter(x => x.includes('172.20.0.0/16'))).toEqual([]);
    });
    it('onprem sites never re-advertise Azure-learned routes', () => {
        const t = `onprem dc { asn: 65050, prefixes: [172.30.0.0/16] }
vnet e { addressSpace: [10.9.0.0/16]
  nva a { ip: 10.9.0.4, asn: 65001, advertises: [172.20.0.0/16] } }
hub h { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  nva b { ip: 10.1.2.5, asn: 65002 }
  vm v { ip: 10.1.3.4 } }
bgp a <-> dc
bgp b <-> dc
bgp b <-> rs
`;
        const r = rows(t, ['--vm', 'v']).filter(x => x.startsWith('VirtualNetworkGateway'));
        expect(r).toEqual(['VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway 10.1.2.5']);
    });
    it('gateway routes equal to / inside a peered or own range have no row (RT-SYSTEM-WINS)', () => {
        const t = `onprem dc1 { asn: 65020, prefixes: [10.10.0.0/16, 10.10.5.0/24, 10.1.7.0/24, 10.11.0.0/16] }
hub h { addressSpace: [10.1.0.0/16]
  gateway er { type: ExpressRoute, connections: [dc1] }
  vm v { ip: 10.1.3.4 } }
spoke s { addressSpace: [10.10.0.0/16] }
peering s -> h
peering h -> s
`;
        expect(rows(t, ['--vm', 'v']).filter(x => x.startsWith('VirtualNetworkGateway'))).toEqual(['VirtualNetworkGateway Active 10.11.0.0/16 VirtualNetworkGateway']);
    });
    it('UDR nextHop naming an NVA uses the NVA ip, not its BGP nextHop', () => {
        const t = `hub h { addressSpace: [10.1.0.0/16]
  subnet w { prefix: 10.1.3.0/24, routeTable: rt }
  nva fw { ip: 10.1.2.4, asn: 65001, nextHop: 10.1.2.100 }
  vm v { ip: 10.1.3.4 } }
routeTable rt { route x { prefix: 172.20.0.0/16, nextHopType: VirtualAppliance, nextHop: fw } }
`;
        expect(rows(t, ['--vm', 'v'])).toContain('User Active 172.20.0.0/16 VirtualAppliance 10.1.2.4');
    });
    it('allowVirtualNetworkAccess: false still gives the peering system route', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v { ip: 10.1.0.4 } }
vnet b { addressSpace: [10.2.0.0/16] }
peering a -> b { allowVirtualNetworkAccess: false }
peering b -> a { allowVirtualNetworkAccess: false }
`;
        expect(rows(t, ['--vm', 'v'])).toContain('Default Active 10.2.0.0/16 VNetPeering');
    });
    it('peered VNet 192.168.0.0/16 and the Default None of the same prefix: exactly one Active [ambiguous which]', () => {
        const t = `vnet a { addressSpace: [10.1.0.0/16]\n  vm v { ip: 10.1.0.4 } }
vnet b { addressSpace: [192.168.0.0/16] }
peering a -> b
peering b -> a
`;
        const r = rows(t, ['--vm', 'v']).filter(x => x.includes(' 192.168.0.0/16 '));
        expect(r.length).toBe(2);
        expect(r.filter(x => x.includes(' Active ')).length).toBe(1);
    });
    it('ECMP through --to prints one entry with sorted IPs', () => {
        const t = `hub v { addressSpace: [10.1.0.0/16]
  routeServer rs { subnet: 10.1.0.0/26 }
  nva n1 { ip: 10.1.2.9, asn: 65001, advertises: [172.20.0.0/16] }
  nva n2 { ip: 10.1.2.10, asn: 65002, advertises: [172.20.0.0/16] }
  vm app { ip: 10.1.3.10 } }
bgp n2 <-> rs
bgp n1 <-> rs
`;
        expect(rows(t, ['--vm', 'app'], ['--to', '172.20.1.1'])).toEqual(['VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.1.2.9,10.1.2.10']);
    });
    it('routes across two files given as a folder', () => {
        const r = run({ 'net/a.azrs': `hub h { addressSpace: [10.1.0.0/16]\n  routeServer rs { subnet: 10.1.0.0/26 }\n  vm v { ip: 10.1.3.4 } }\n`, 'net/b/c.azrs': `vnet e { addressSpace: [10.9.0.0/16]\n  nva n { ip: 10.9.0.4, asn: 65009, advertises: [172.20.0.0/16] } }\npeering e -> h\npeering h -> e\nbgp n <-> rs\n` }, ['routes', 'net', '--vm', 'v', '--to', '172.20.0.1', '--format', 'json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).value[0].nextHopIpAddress).toEqual(['10.9.0.4']);
    });
});
