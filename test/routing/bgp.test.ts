import { describe, expect, it } from 'vitest';
import type * as T from '../../language-server/src/model/topology.js';
import { computeRouting, type RoutingResult } from '../../language-server/src/routing/index.js';
import { build, el, peer, routesOf, type NvaSpec, type SessionSpec, type TopologySpec } from './build.js';

const OPTIONS = { routesPerPeer: 1000 };

function bgpRows(result: RoutingResult, topology: T.Topology, vm: string): string[] {
    return routesOf(result, topology, vm).filter(r => r.includes('VirtualNetworkGateway'));
}

/** One VNet with a route server and NVAs, each peering it. */
function hubWithNvas(nvas: NvaSpec[], sessions: SessionSpec[] = nvas.map(n => ({ left: n.name, right: 'rs' }))): TopologySpec {
    return {
        vnets: [{
            name: 'hub', addressSpace: ['10.1.0.0/16'],
            routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }],
            nvas, vms: [{ name: 'vm', ip: '10.1.9.4' }]
        }],
        sessions
    };
}

describe('T8: ECMP vs prepend', () => {
    const nvas = [
        { name: 'nva2', ip: '10.1.1.20', asn: 65002, advertises: ['192.168.1.0/24'] },
        { name: 'nva1', ip: '10.1.1.9', asn: 65001, advertises: ['192.168.1.0/24'] }
    ];

    it('equal AS-path length: one row with both next hops, sorted numerically', () => {
        const topology = build(hubWithNvas(nvas));
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(result, topology, 'vm')).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.1.9 10.1.1.20']);
        const rib = result.rib(el(topology, 'rs', 'routeServer'))!;
        const best = rib.best.find(b => b.prefix.text === '192.168.1.0/24')!;
        expect(best.routes.map(r => r.from.name)).toEqual(['nva1', 'nva2']);
        // Advertised onwards: the route from the peer with the lowest ASN.
        expect(best.selected?.from.name).toBe('nva1');
        expect(rib.received.filter(r => r.prefix.text === '192.168.1.0/24').every(r => r.accepted)).toBe(true);
        const row = result.effectiveRoutes(el(topology, 'vm', 'vm').subnet).find(r => r.addressPrefix.text === '192.168.1.0/24')!;
        expect(row.provenance.kind === 'bgp' && row.provenance.programmed.nvas.map(n => n.name)).toEqual(['nva1', 'nva2']);
    });

    it('NVA2 prepends once: only the NVA1 row remains, NVA2 loses on AS-path length', () => {
        const topology = build(hubWithNvas(nvas, [{ left: 'nva1', right: 'rs' }, { left: 'nva2', right: 'rs', asPathPrepend: 1 }]));
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(result, topology, 'vm')).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.1.9']);
        const fromNva2 = result.rib(el(topology, 'rs', 'routeServer'))!.received.find(r => r.from.name === 'nva2')!;
        expect(fromNva2.asPath).toEqual([65002, 65002]);
        expect(fromNva2.reason).toEqual({ kind: 'not-best', why: 'longer-as-path' });
    });

    it('the passive NVA takes over when the active one is down (B-PREPEND)', () => {
        const down = nvas.map(n => n.name === 'nva1' ? { ...n, state: 'down' as const } : n);
        const topology = build(hubWithNvas(down, [{ left: 'nva1', right: 'rs' }, { left: 'nva2', right: 'rs', asPathPrepend: 1 }]));
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(result, topology, 'vm')).toEqual(['VirtualNetworkGateway Active 192.168.1.0/24 VirtualNetworkGateway 10.1.1.20']);
    });

    it('the next hop is the NVA\'s nextHop (a load balancer) when it sets one (B-NEXTHOP)', () => {
        const topology = build(hubWithNvas([{ name: 'nva1', ip: '10.1.1.9', asn: 65001, advertises: ['0.0.0.0/0'], nextHop: '10.1.1.100' }]));
        const result = computeRouting(topology, OPTIONS);
        expect(bgpRows(result, topology, 'vm')).toEqual(['VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.1.1.100']);
    });
});

describe('loop prevention and as-override', () => {
    it('B-SAME-NVA-ASN: two NVAs with one ASN each drop the other\'s reflected routes', () => {
        const topology = build(hubWithNvas([
            { name: 'a', ip: '10.1.1.4', asn: 65001, advertises: ['172.20.0.0/16'] },
            { name: 'b', ip: '10.1.1.5', asn: 65001, advertises: ['172.21.0.0/16'] }
        ]));
        const result = computeRouting(topology, OPTIONS);
        const atA = result.rib(el(topology, 'a', 'nva'))!.received.find(r => r.prefix.text === '172.21.0.0/16')!;
        expect(atA.asPath).toEqual([65515, 65001]);
        expect(atA.reason).toEqual({ kind: 'as-path-loop', asn: 65001 });
        // The route server itself programs both.
        expect(bgpRows(result, topology, 'vm')).toHaveLength(2);
    });

    it('B-ASOVERRIDE replaces every occurrence of the peer\'s ASN; asPathPrepend adds copies of the NVA\'s', () => {
        const spec: TopologySpec = {
            vnets: [
                { name: 'a', addressSpace: ['10.1.0.0/16'], routeServers: [{ name: 'rsA', subnet: '10.1.0.0/26' }], nvas: [{ name: 'n1', ip: '10.1.1.4', asn: 65001, advertises: ['172.16.5.0/24'] }] },
                { name: 'b', addressSpace: ['10.2.0.0/16'], routeServers: [{ name: 'rsB', subnet: '10.2.0.0/26' }], nvas: [{ name: 'n2', ip: '10.2.1.4', asn: 65002 }] },
                { name: 'c', addressSpace: ['10.3.0.0/16'], routeServers: [{ name: 'rsC', subnet: '10.3.0.0/26' }], vms: [{ name: 'vm', ip: '10.3.0.100' }] }
            ],
            peerings: [...peer('a', 'b'), ...peer('b', 'c')],
            sessions: [
                { left: 'n1', right: 'rsA' },
                { left: 'n2', right: 'rsA' },
                { left: 'n2', right: 'rsB' },
                { left: 'n2', right: 'rsC', asOverride: true, asPathPrepend: 2 }
            ]
        };
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        const atC = result.rib(el(topology, 'rsC', 'routeServer'))!.received.find(r => r.prefix.text === '172.16.5.0/24')!;
        // n2 got [65515 65001] from rsA; towards rsC it prepends 65002 three times and rewrites 65515.
        expect(atC.asPath).toEqual([65002, 65002, 65002, 65002, 65001]);
        expect(atC.accepted).toBe(true);
        // Towards rsB, without as-override, the same route is a loop.
        const atB = result.rib(el(topology, 'rsB', 'routeServer'))!.received.find(r => r.prefix.text === '172.16.5.0/24')!;
        expect(atB.reason).toEqual({ kind: 'as-path-loop', asn: 65515 });
        // c is not peered with a, so a's range learned over BGP shows too; b's is hidden by the peering route.
        expect(bgpRows(result, topology, 'vm')).toEqual([
            'VirtualNetworkGateway Active 10.1.0.0/16 VirtualNetworkGateway 10.2.1.4',
            'VirtualNetworkGateway Active 172.16.5.0/24 VirtualNetworkGateway 10.2.1.4'
        ]);
    });
});

describe('branch-to-branch and hubRoutingPreference', () => {
    /** A hub whose ExpressRoute circuit and NVA both announce 10.50.0.0/16. */
    function hub(options: { b2b: boolean; preference?: T.HubRoutingPreference; prepend?: number; vpn?: boolean }): TopologySpec {
        return {
            sites: [{ name: 'dc', asn: 65100, prefixes: ['10.50.0.0/16', '10.60.0.0/16'] }],
            vnets: [
                {
                    name: 'hub', addressSpace: ['10.1.0.0/16'],
                    routeServers: [{ name: 'rs', subnet: '10.1.0.0/26', branchToBranch: options.b2b, hubRoutingPreference: options.preference }],
                    gateways: [{ name: 'gw', type: options.vpn ? 'Vpn' : 'ExpressRoute', connections: ['dc'] }],
                    nvas: [{ name: 'sdwan', ip: '10.1.1.4', asn: 65001, advertises: ['10.50.0.0/16', '10.70.0.0/16'] }],
                    vms: [{ name: 'vm', ip: '10.1.2.4' }]
                },
                { name: 'spoke', addressSpace: ['10.2.0.0/16'], vms: [{ name: 'vms', ip: '10.2.0.4' }] }
            ],
            peerings: peer('spoke', 'hub', { useRemoteGateways: true }, { allowGatewayTransit: true }),
            sessions: [{ left: 'sdwan', right: 'rs', asPathPrepend: options.prepend ?? 0 }]
        };
    }
    const row50 = (result: RoutingResult, topology: T.Topology) => bgpRows(result, topology, 'vms').filter(r => r.includes('10.50.0.0/16'));

    it('RT-B2B off: NVA and on-premises routes are not exchanged, the subnet still gets both sources', () => {
        const topology = build(hub({ b2b: false }));
        const result = computeRouting(topology, OPTIONS);
        expect(result.sessions.map(s => s.id)).toEqual(['bgp:sdwan<->rs', 'connection:gw<->dc']);
        expect(result.rib(el(topology, 'sdwan', 'nva'))!.received.map(r => r.prefix.text)).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
        expect(bgpRows(result, topology, 'vms')).toEqual([
            // RT-ER-PREF-SAMELEN: ExpressRoute (default) keeps the circuit's route.
            'VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.60.0.0/16 VirtualNetworkGateway',
            'VirtualNetworkGateway Active 10.70.0.0/16 VirtualNetworkGateway 10.1.1.4'
        ]);
    });

    it('RT-B2B on: the NVA learns on-premises as 65515 12076 65100, on-premises learns the NVA route', () => {
        const topology = build(hub({ b2b: true }));
        const result = computeRouting(topology, OPTIONS);
        const atNva = result.rib(el(topology, 'sdwan', 'nva'))!.received.map(r => `${r.prefix.text} [${r.asPath.join(' ')}]`);
        expect(atNva).toEqual(['10.1.0.0/16 [65515]', '10.2.0.0/16 [65515]', '10.50.0.0/16 [65515 12076 65100]', '10.60.0.0/16 [65515 12076 65100]']);
        const atDc = result.rib(el(topology, 'dc', 'onprem'))!.received.map(r => r.prefix.text);
        expect(atDc).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.70.0.0/16']);
        const atRs = result.rib(el(topology, 'rs', 'routeServer'))!.received.find(r => r.prefix.text === '10.50.0.0/16' && r.from.name === 'sdwan')!;
        expect(atRs.reason).toEqual({ kind: 'not-best', why: 'routing-preference' });
        expect(row50(result, topology)).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway']);
    });

    it('VpnGateway keeps the NVA\'s route over ExpressRoute, with and without branch-to-branch', () => {
        for (const b2b of [false, true]) {
            const topology = build(hub({ b2b, preference: 'VpnGateway' }));
            const result = computeRouting(topology, OPTIONS);
            expect(row50(result, topology)).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway 10.1.1.4']);
        }
    });

    it('ASPath keeps the shorter path, and the gateway\'s on a tie', () => {
        const shorter = build(hub({ b2b: false, preference: 'ASPath' }));
        expect(row50(computeRouting(shorter, OPTIONS), shorter)).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway 10.1.1.4']);
        const tie = build(hub({ b2b: false, preference: 'ASPath', prepend: 1 }));
        expect(row50(computeRouting(tie, OPTIONS), tie)).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway']);
    });

    it('a Vpn gateway: site routes arrive as [site asn]; with ExpressRoute preference the shorter of NVA and Vpn wins', () => {
        const topology = build(hub({ b2b: true, vpn: true, prepend: 1 }));
        const result = computeRouting(topology, OPTIONS);
        const fromGw = result.rib(el(topology, 'rs', 'routeServer'))!.received.find(r => r.from.name === 'gw' && r.prefix.text === '10.50.0.0/16')!;
        expect(fromGw.asPath).toEqual([65100]);
        expect(fromGw.accepted).toBe(true);
        expect(row50(result, topology)).toEqual(['VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway']);
        // Towards the site the Vpn gateway prepends its own ASN.
        const toDc = result.sessions.find(s => s.id === 'connection:gw<->dc')!.aToB.find(a => a.prefix.text === '10.70.0.0/16')!;
        expect(toDc.asPath).toEqual([65515, 65001, 65001]);
    });

    it('ignoredFlags: a useRemoteGateways that drew an error counts as false, and the spoke gets nothing', () => {
        const topology = build(hub({ b2b: false }));
        const spokeToHub = topology.peerings.find(p => p.from.name === 'spoke')!;
        const result = computeRouting(topology, { ...OPTIONS, ignoredFlags: new Map([[spokeToHub, new Set(['useRemoteGateways' as const])]]) });
        expect(bgpRows(result, topology, 'vms')).toEqual([]);
        expect(result.program(el(topology, 'rs', 'routeServer'))!.domain.map(v => v.name)).toEqual(['hub']);
        expect(result.rib(el(topology, 'sdwan', 'nva'))!.received.map(r => r.prefix.text)).toEqual(['10.1.0.0/16']);
    });
});

describe('LIM-ROUTES-PER-PEER: route limit teardown', () => {
    const spec = hubWithNvas([
        { name: 'big', ip: '10.1.1.4', asn: 65001, advertises: ['172.20.0.0/24', '172.20.1.0/24', '172.20.2.0/24'] },
        { name: 'small', ip: '10.1.1.5', asn: 65002, advertises: ['172.21.0.0/24'] }
    ]);

    it('an NVA sending more distinct prefixes than the limit loses its session, which carries nothing either way', () => {
        const topology = build(spec);
        const result = computeRouting(topology, { routesPerPeer: 2 });
        expect(result.routeLimitTeardowns.map(t => `${t.session.id} ${t.count}/${t.limit}`)).toEqual(['bgp:big<->rs 3/2']);
        const session = result.sessions.find(s => s.id === 'bgp:big<->rs')!;
        expect(session.up).toBe(false);
        expect(session.down).toEqual({ kind: 'route-limit', count: 3, limit: 2 });
        expect(session.aToB).toEqual([]);
        expect(session.bToA).toEqual([]);
        const fromBig = result.rib(el(topology, 'rs', 'routeServer'))!.received.filter(r => r.from.name === 'big');
        expect(fromBig.map(r => r.prefix.text)).toEqual(['172.20.0.0/24', '172.20.1.0/24', '172.20.2.0/24']);
        expect(fromBig.every(r => !r.accepted && r.reason?.kind === 'route-limit' && r.reason.count === 3)).toBe(true);
        // The other NVA is not affected (it sends one prefix: 172.21.0.0/24).
        expect(bgpRows(result, topology, 'vm')).toEqual(['VirtualNetworkGateway Active 172.21.0.0/24 VirtualNetworkGateway 10.1.1.5']);
        expect(result.rib(el(topology, 'small', 'nva'))!.received.map(r => r.prefix.text)).toEqual(['10.1.0.0/16']);
    });

    it('exactly the limit is fine', () => {
        const topology = build(spec);
        const result = computeRouting(topology, { routesPerPeer: 3 });
        expect(result.routeLimitTeardowns).toEqual([]);
        expect(bgpRows(result, topology, 'vm')).toHaveLength(4);
    });
});

describe('sessions that are down', () => {
    it('gives each down statement one reason: invalid ends, duplicate, peer limit, missing ASN', () => {
        const nvas = Array.from({ length: 10 }, (_, i) => ({ name: `n${i}`, ip: `10.1.1.${10 + i}`, asn: 65001 + i }));
        const spec: TopologySpec = {
            sites: [{ name: 'dc', prefixes: ['192.168.0.0/16'] }],
            vnets: [{
                name: 'hub', addressSpace: ['10.1.0.0/16'], routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }],
                nvas: [...nvas, { name: 'noasn', ip: '10.1.2.4' }]
            }],
            sessions: [
                ...nvas.slice(0, 9).map(n => ({ left: n.name, right: 'rs' })),
                { left: 'rs', right: 'n0' },
                { left: 'rs', right: 'dc' },
                { left: 'n9', right: 'dc' },
                { left: 'noasn', right: 'n9' }
            ]
        };
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        expect(result.downSessions.map(s => `${s.id} ${s.down?.kind}`)).toEqual([
            'bgp:n8<->rs too-many-peers',
            'bgp:n9<->dc asn-undefined',
            'bgp:noasn<->n9 asn-undefined',
            'bgp:rs<->dc invalid-endpoints',
            'bgp:rs<->n0 duplicate'
        ]);
    });
});

describe('the route server\'s eight peers (docs/semantics.md §1 v2)', () => {
    it('every non-duplicate NVA <-> route server statement counts, whether or not its session can come up', () => {
        // Azure limits configured BGP connections: n0's session is down (state: down) and still takes a place.
        const nvas = Array.from({ length: 9 }, (_, i) => ({ name: `n${i}`, ip: `10.1.1.${10 + i}`, asn: 65001 + i, state: i === 0 ? 'down' as const : 'up' as const }));
        const spec: TopologySpec = {
            vnets: [{ name: 'hub', addressSpace: ['10.1.0.0/16'], routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }], nvas }],
            sessions: nvas.map(n => ({ left: n.name, right: 'rs' }))
        };
        const topology = build(spec);
        const downs = computeRouting(topology, OPTIONS).downSessions.map(s => `${s.id} ${s.down?.kind}`);
        expect(downs).toEqual(['bgp:n0<->rs endpoint-down', 'bgp:n8<->rs too-many-peers']);
        // With `downSessions` (a check found it broken) it counts too.
        const flagged = build({ ...spec, vnets: [{ ...spec.vnets![0], nvas: nvas.map(n => ({ ...n, state: 'up' as const })) }] });
        const result = computeRouting(flagged, { ...OPTIONS, downSessions: new Set([flagged.sessions[0]]) });
        expect(result.downSessions.map(s => `${s.id} ${s.down?.kind}`)).toEqual(['bgp:n0<->rs flagged', 'bgp:n8<->rs too-many-peers']);
    });

    it('a statement whose NVA has no asn (bgp-endpoint-invalid) takes no place', () => {
        const eight = Array.from({ length: 8 }, (_, i) => ({ name: `n${i}`, ip: `10.1.1.${10 + i}`, asn: 65001 + i }));
        const spec: TopologySpec = {
            vnets: [{
                name: 'hub', addressSpace: ['10.1.0.0/16'], routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }],
                nvas: [{ name: 'plain', ip: '10.1.2.4' }, ...eight]
            }],
            sessions: [{ left: 'plain', right: 'rs' }, ...eight.map(n => ({ left: n.name, right: 'rs' }))]
        };
        const topology = build(spec);
        expect(computeRouting(topology, OPTIONS).downSessions.map(s => `${s.id} ${s.down?.kind}`)).toEqual(['bgp:plain<->rs asn-undefined']);
    });
});

describe('non-convergence is cut off and reported', () => {
    /**
     * DISAGREE: each hub's route server prefers NVA routes over ExpressRoute (VpnGateway) and both
     * circuits announce 10.50.0.0/16. Each NVA, sharing its own hub circuit's ASN, only relays the
     * other hub's circuit: each route server prefers the other's route, and both flip together.
     */
    function disagree(): TopologySpec {
        const spec: TopologySpec = { sites: [], vnets: [], peerings: peer('h0', 'h1'), sessions: [] };
        for (const i of [0, 1]) {
            spec.sites!.push({ name: `dc${i}`, asn: 65100 + i, prefixes: ['10.50.0.0/16'] });
            spec.vnets!.push({
                name: `h${i}`, addressSpace: [`10.${i}.0.0/16`],
                routeServers: [{ name: `rs${i}`, subnet: `10.${i}.0.0/26`, branchToBranch: true, hubRoutingPreference: 'VpnGateway' }],
                gateways: [{ name: `ergw${i}`, connections: [`dc${i}`] }],
                nvas: [{ name: `x${i}`, ip: `10.${i}.1.4`, asn: 65100 + i }],
                vms: [{ name: `vm${i}`, ip: `10.${i}.2.4` }]
            });
            spec.sessions!.push({ left: `x${i}`, right: 'rs0', asOverride: true }, { left: `x${i}`, right: 'rs1', asOverride: true });
        }
        return spec;
    }

    it('stops at maxRounds with converged false, and still answers', () => {
        const topology = build(disagree());
        const result = computeRouting(topology, { ...OPTIONS, maxRounds: 40 });
        expect(result.converged).toBe(false);
        expect(result.rounds).toBe(40);
        expect(result.maxRounds).toBe(40);
        expect(result.effectiveRoutes(el(topology, 'vm0', 'vm').subnet).length).toBeGreaterThan(0);
        expect(computeRouting(topology, OPTIONS).rounds).toBe(300);
    });

    it('a topology that converges slowly is cut off too, and converges with enough rounds', () => {
        // A chain of NVAs named against the direction of propagation: one hop per round.
        const n = 12;
        const spec: TopologySpec = {
            vnets: [{
                name: 'v', addressSpace: ['10.0.0.0/16'],
                nvas: Array.from({ length: n }, (_, i) => ({ name: `n${String(i).padStart(2, '0')}`, ip: `10.0.1.${i + 4}`, asn: 65001 + i, advertises: i === n - 1 ? ['172.16.0.0/24'] : [] }))
            }],
            sessions: Array.from({ length: n - 1 }, (_, i) => ({ left: `n${String(i).padStart(2, '0')}`, right: `n${String(i + 1).padStart(2, '0')}` }))
        };
        const topology = build(spec);
        const cut = computeRouting(topology, { ...OPTIONS, maxRounds: 3 });
        expect(cut.converged).toBe(false);
        expect(cut.rounds).toBe(3);
        const full = computeRouting(topology, OPTIONS);
        expect(full.converged).toBe(true);
        expect(full.rib(el(topology, 'n00', 'nva'))!.best.map(b => b.selected?.asPath.length)).toEqual([n - 1]);
    });
});
