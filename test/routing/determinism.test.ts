import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress } from '../../language-server/src/model/prefix.js';
import type * as T from '../../language-server/src/model/topology.js';
import {
    computeRouting, formatRouteTable, toAzJson, type RouteDropReason, type RoutingResult, type SessionDownReason
} from '../../language-server/src/routing/index.js';
import { build, el, peer, routesOf, shuffled, spokeOf, subnetOf, type TopologySpec } from './build.js';
import { randomTopology, rewritten, routeTables } from './random-topology.js';
import { dualHomedEr, t4 } from './scenarios.js';

const OPTIONS = { routesPerPeer: 1000 };

function why(reason: RouteDropReason | SessionDownReason | undefined): string {
    if (!reason) return '';
    switch (reason.kind) {
        case 'as-path-loop': return `loop ${reason.asn}`;
        case 'vnet-range': return `vnet-range ${reason.range.text} ${reason.vnet.name}`;
        case 'session-down': return `session-down ${why(reason.why)}`;
        case 'route-limit': return `route-limit ${reason.count}/${reason.limit}`;
        case 'not-best': return `not-best ${reason.why}`;
        case 'endpoint-down': return `endpoint-down ${reason.endpoint.name}`;
        case 'duplicate': return 'duplicate';
        case 'too-many-peers': return `too-many-peers ${reason.routeServer.name}`;
        case 'asn-undefined': return `asn-undefined ${reason.endpoint.name}`;
        default: return reason.kind;
    }
}

const hop = (n: number | undefined) => n === undefined ? '-' : formatAddress(n);

/** Everything the engine says, with names for objects: what hovers, diagram and CLI could show. */
function snapshot(result: RoutingResult, topology: T.Topology): string {
    const subnets = topology.vnets.flatMap(v => [...v.subnets, v.defaultSubnet])
        .sort((a, b) => `${a.vnet.name}/${a.name}`.localeCompare(`${b.vnet.name}/${b.name}`));
    return JSON.stringify({
        converged: result.converged,
        rounds: result.rounds,
        speakers: result.speakers.map(s => ({
            name: s.speaker.name, asn: s.asn, sessions: s.sessions.map(x => x.id), originated: s.originated.map(p => p.text),
            received: s.received.map(r => `${r.prefix.text} ${r.from.name} ${r.session.id} [${r.asPath.join(' ')}] ${hop(r.nextHop)} ${r.origin.name} ${r.accepted} ${why(r.reason)}`),
            best: s.best.map(b => `${b.prefix.text} ${b.own} ${b.routes.map(r => r.from.name).join(',')} ${b.selected?.from.name ?? ''}`)
        })),
        sessions: result.sessions.map(s => ({
            id: s.id, up: s.up, down: why(s.down),
            aToB: s.aToB.map(a => `${a.prefix.text} [${a.asPath.join(' ')}] ${hop(a.nextHop)} ${a.origin.name}`),
            bToA: s.bToA.map(a => `${a.prefix.text} [${a.asPath.join(' ')}] ${hop(a.nextHop)} ${a.origin.name}`)
        })),
        programs: result.programs.map(p => ({
            by: p.by.name, domain: p.domain.map(v => v.name),
            routes: p.routes.map(r => `${r.prefix.text} ${r.nextHops.map(hop).join(',')} ${r.nvas.map(n => n.name).join(',')} [${r.asPath.join(' ')}]`)
        })),
        tables: subnets.map(s => ({
            subnet: `${s.vnet.name}/${s.name}`,
            rows: toAzJson(result.effectiveRoutes(s)).value,
            provenance: result.effectiveRoutes(s).map(r => r.provenance.kind === 'bgp' ? r.provenance.programmed.by.name : r.provenance.kind)
        }))
    });
}

/** A hub with branch-to-branch, ECMP, a prepend, a down NVA, UDRs and a route-limit teardown. */
function mixed(): TopologySpec {
    return {
        sites: [{ name: 'dc', asn: 65100, prefixes: ['10.50.0.0/16', '10.51.0.0/16'] }, { name: 'branch', asn: 65200, prefixes: ['10.60.0.0/16'] }],
        vnets: [
            {
                name: 'hub', addressSpace: ['10.1.0.0/16'], region: 'westeurope',
                subnets: [{ name: 'nva', prefix: '10.1.1.0/24' }, { name: 'fw', prefix: '10.1.2.0/24', routeTable: 'fw-rt' }],
                routeServers: [{ name: 'rs', subnet: '10.1.0.0/26', branchToBranch: true, hubRoutingPreference: 'ASPath' }],
                gateways: [{ name: 'ergw', connections: ['dc'] }, { name: 'vpngw', type: 'Vpn', connections: ['branch'] }],
                nvas: [
                    { name: 'a', ip: '10.1.1.4', asn: 65001, advertises: ['0.0.0.0/0', '172.30.0.0/16'] },
                    { name: 'b', ip: '10.1.1.5', asn: 65002, advertises: ['0.0.0.0/0', '172.30.0.0/16'] },
                    { name: 'c', ip: '10.1.1.6', asn: 65003, advertises: ['172.31.0.0/16'], state: 'down' },
                    { name: 'fw1', ip: '10.1.2.4', asn: 65004, advertises: ['172.29.0.0/24', '172.29.1.0/24', '172.29.2.0/24'] }
                ]
            },
            { name: 'spoke1', addressSpace: ['10.2.0.0/16'], region: 'westeurope', subnets: [{ name: 'app', prefix: '10.2.1.0/24', routeTable: 'app-rt' }] },
            { name: 'spoke2', addressSpace: ['10.3.0.0/16'], region: 'northeurope' }
        ],
        peerings: [...spokeOf('spoke1', 'hub'), ...spokeOf('spoke2', 'hub'), ...peer('spoke1', 'spoke2')],
        sessions: [
            { left: 'a', right: 'rs' }, { left: 'b', right: 'rs', asPathPrepend: 0 }, { left: 'c', right: 'rs' },
            { left: 'fw1', right: 'rs' }, { left: 'a', right: 'b' }
        ],
        routeTables: [
            { name: 'fw-rt', routes: [{ name: 'internet', prefix: '0.0.0.0/0', nextHopType: 'Internet' }] },
            {
                name: 'app-rt', routes: [
                    { name: 'z-to-fw', prefix: '10.3.0.0/16', nextHopType: 'VirtualAppliance', nextHop: 'a' },
                    { name: 'a-drop', prefix: '10.99.0.0/16', nextHopType: 'None' }
                ]
            }
        ]
    };
}

const scenarios: Record<string, () => TopologySpec> = {
    't4': t4, 'dual-homed ER': () => dualHomedEr(true), 'dual-homed ER without as-override': () => dualHomedEr(false), 'mixed': mixed
};

describe('determinism', () => {
    for (const [name, spec] of Object.entries(scenarios)) {
        it(`${name}: byte-identical output twice and for any element order`, () => {
            const options = { routesPerPeer: 2 };
            const topology = build(spec());
            const first = snapshot(computeRouting(topology, options), topology);
            expect(snapshot(computeRouting(topology, options), topology)).toBe(first);
            for (const seed of [1, 7, 42, 1234, 99999]) {
                const other = build(shuffled(spec(), seed));
                expect(snapshot(computeRouting(other, options), other)).toBe(first);
            }
        });
    }

    it('the mixed scenario exercises what it claims to', () => {
        const topology = build(mixed());
        const result = computeRouting(topology, { routesPerPeer: 2 });
        expect(result.routeLimitTeardowns.map(t => t.session.id)).toEqual(['bgp:fw1<->rs']);
        expect(result.downSessions.map(s => `${s.id} ${why(s.down)}`)).toEqual(['bgp:c<->rs endpoint-down c', 'bgp:fw1<->rs route-limit 3/2']);
        expect(result.effectiveRoutes(el(topology, 'spoke1', 'vnet').subnets[0]).filter(r => r.source !== 'Default').map(r => `${r.source} ${r.state} ${r.addressPrefix.text} ${r.nextHopIpAddress.join(',')}`)).toEqual([
            'VirtualNetworkGateway Active 0.0.0.0/0 10.1.1.4,10.1.1.5',
            'User Active 10.3.0.0/16 10.1.1.4',
            'VirtualNetworkGateway Active 10.50.0.0/16 ',
            'VirtualNetworkGateway Active 10.51.0.0/16 ',
            'VirtualNetworkGateway Active 10.60.0.0/16 ',
            'User Active 10.99.0.0/16 ',
            'VirtualNetworkGateway Active 172.30.0.0/16 10.1.1.4,10.1.1.5'
        ]);
    });
});

describe('output formats', () => {
    const spec: TopologySpec = {
        vnets: [{
            name: 'hub', addressSpace: ['10.1.0.0/16'],
            subnets: [{ name: 'workload', prefix: '10.1.3.0/24', routeTable: 'rt' }],
            routeServers: [{ name: 'rs', subnet: '10.1.0.0/26' }],
            nvas: [{ name: 'fw1', ip: '10.1.2.4', asn: 65001, advertises: ['0.0.0.0/0'] }, { name: 'fw2', ip: '10.1.2.10', asn: 65001, advertises: ['0.0.0.0/0'] }],
            vms: [{ name: 'app1', ip: '10.1.3.10' }]
        }],
        sessions: [{ left: 'fw1', right: 'rs' }, { left: 'fw2', right: 'rs' }],
        routeTables: [{ name: 'rt', routes: [{ name: 'to-fw', prefix: '10.99.0.0/16', nextHopType: 'VirtualAppliance', nextHop: 'fw2' }] }]
    };

    it('toAzJson gives exactly the `az network nic show-effective-route-table -o json` shape', () => {
        const topology = build(spec);
        const rows = computeRouting(topology, OPTIONS).effectiveRoutes(subnetOf(topology, 'app1'));
        const json = JSON.stringify(toAzJson(rows.slice(0, 2)));
        // v2 (docs/semantics.md §4.1): the BGP 0.0.0.0/0 leaves out the Default Internet row (v1: Invalid)
        // and the four None rows (v1: 10.0.0.0/8 None came third).
        expect(json).toBe('{"value":['
            + '{"source":"VirtualNetworkGateway","state":"Active","addressPrefix":["0.0.0.0/0"],"nextHopType":"VirtualNetworkGateway","nextHopIpAddress":["10.1.2.4","10.1.2.10"],"name":null,"disableBgpRoutePropagation":false},'
            + '{"source":"Default","state":"Active","addressPrefix":["10.1.0.0/16"],"nextHopType":"VnetLocal","nextHopIpAddress":[],"name":null,"disableBgpRoutePropagation":false}'
            + ']}');
        const user = toAzJson(rows).value.find(r => r.source === 'User')!;
        expect(user).toEqual({
            source: 'User', state: 'Active', addressPrefix: ['10.99.0.0/16'], nextHopType: 'VirtualAppliance',
            nextHopIpAddress: ['10.1.2.10'], name: 'to-fw', disableBgpRoutePropagation: false
        });
    });

    it('formatRouteTable lays rows out like the portal\'s Effective routes blade', () => {
        const topology = build(spec);
        const rows = computeRouting(topology, OPTIONS).effectiveRoutes(subnetOf(topology, 'app1'));
        // v2: the text table ends with the portal's last column, the user route's name (docs/language.md §5);
        // the BGP default leaves out the Default Internet and None rows (docs/semantics.md §4.1).
        expect(formatRouteTable(rows)).toBe([
            'Source                 State   Address prefixes  Next hop type          Next hop IP          User defined route name',
            '---------------------  ------  ----------------  ---------------------  -------------------  -----------------------',
            'VirtualNetworkGateway  Active  0.0.0.0/0         VirtualNetworkGateway  10.1.2.4, 10.1.2.10  -',
            'Default                Active  10.1.0.0/16       VnetLocal              -                    -',
            'User                   Active  10.99.0.0/16      VirtualAppliance       10.1.2.10            to-fw'
        ].join('\n'));
        // Hovers keep the five columns of docs/language.md §4.
        expect(formatRouteTable(rows.slice(2), 'markdown')).toBe([
            '| Source | State | Address prefixes | Next hop type | Next hop IP |',
            '| --- | --- | --- | --- | --- |',
            '| User | Active | 10.99.0.0/16 | VirtualAppliance | 10.1.2.10 |'
        ].join('\n'));
    });

    it('lookup: longest prefix match among Active routes only', () => {
        const topology = build(spec);
        const result = computeRouting(topology, OPTIONS);
        const subnet = subnetOf(topology, 'app1');
        const ip = (text: string) => text.split('.').reduce((n, o) => n * 256 + Number(o), 0);
        expect(result.lookup(subnet, ip('10.99.1.1'))?.name).toBe('to-fw');
        expect(result.lookup(subnet, ip('10.1.200.1'))?.nextHopType).toBe('VnetLocal');
        // v2 (docs/semantics.md §4.1): the BGP default removed 10.0.0.0/8 None, so 10.200.0.1 follows it (v1: None).
        const other = result.lookup(subnet, ip('10.200.0.1'))!;
        expect([other.source, other.addressPrefix.text, other.nextHopIpAddress]).toEqual(['VirtualNetworkGateway', '0.0.0.0/0', ['10.1.2.4', '10.1.2.10']]);
        const internet = result.lookup(subnet, ip('8.8.8.8'))!;
        expect([internet.source, internet.state, internet.nextHopIpAddress]).toEqual(['VirtualNetworkGateway', 'Active', ['10.1.2.4', '10.1.2.10']]);
        // Memoized: the same array every time.
        expect(result.effectiveRoutes(subnet)).toBe(result.effectiveRoutes(subnet));
    });
});

describe('determinism v2: names never choose a route (docs/semantics.md §1–§2 v2, issue 12)', () => {
    it('property: renaming every element, reordering every list and swapping the ends of every bgp statement change no route table', () => {
        let programmed = 0;
        fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, rewriteSeed) => {
            const spec = randomTopology(seed);
            const topology = build(spec);
            const result = computeRouting(topology, OPTIONS);
            programmed += result.programs.reduce((n, p) => n + p.routes.length, 0);
            const expected = routeTables(result, topology);
            const { spec: other, names } = rewritten(spec, rewriteSeed);
            const otherTopology = build(other);
            const otherResult = computeRouting(otherTopology, OPTIONS);
            // A topology that oscillates under synchronous rounds (a DISAGREE gadget whose two routes
            // arrive in the same round) is cut off the same way whatever the names: each round is a
            // function of the previous one only.
            expect([otherResult.converged, otherResult.rounds]).toEqual([result.converged, result.rounds]);
            expect(routeTables(otherResult, otherTopology, names)).toEqual(expected);
        }), { numRuns: 300, seed: 20261130 });
        // The generated networks do route: BGP routes are programmed, not just system routes compared.
        expect(programmed).toBeGreaterThan(300);
    });

    /**
     * The issue's wedgie: a route server with `hubRoutingPreference: VpnGateway` learns the site's
     * prefix from its ExpressRoute gateway, and NVA `a` relays it from a chain of three NVAs that
     * ends at the site over SD-WAN. Two states are stable: the route server keeps ExpressRoute and
     * `a` prefers the route server's shorter path; or `a` prefers the chain, and the route server
     * prefers `a`'s route over ExpressRoute. With speakers taking turns in name order, naming the
     * chain in ascending order let its route reach `a` first and chose the second state; synchronous
     * rounds from the empty start choose the first whatever the names.
     */
    const wedgie = (rs: string, ergw: string, dc: string, chain: [string, string, string], a: string): TopologySpec => ({
        sites: [{ name: dc, asn: 65100, prefixes: ['192.168.10.0/24'] }],
        vnets: [{
            name: 'hub', addressSpace: ['10.1.0.0/16'],
            subnets: [{ name: 'nva', prefix: '10.1.1.0/24' }, { name: 'work', prefix: '10.1.2.0/24' }],
            routeServers: [{ name: rs, subnet: '10.1.0.0/26', branchToBranch: true, hubRoutingPreference: 'VpnGateway' }],
            gateways: [{ name: ergw, type: 'ExpressRoute', subnet: '10.1.0.64/27', connections: [dc] }],
            nvas: [
                { name: chain[0], ip: '10.1.1.4', asn: 65001 },
                { name: chain[1], ip: '10.1.1.5', asn: 65002 },
                { name: chain[2], ip: '10.1.1.6', asn: 65003 },
                { name: a, ip: '10.1.1.7', asn: 65004 }
            ],
            vms: [{ name: 'vm', ip: '10.1.2.4' }]
        }],
        sessions: [
            { left: chain[0], right: dc }, { left: chain[0], right: chain[1] }, { left: chain[1], right: chain[2] },
            { left: chain[2], right: a }, { left: a, right: rs }
        ]
    });
    const siteRow = (spec: TopologySpec) => {
        const topology = build(spec);
        return routesOf(computeRouting(topology, OPTIONS), topology, 'vm').filter(r => r.includes('192.168.10.0/24'));
    };

    it('the wedgie: four NVAs renamed, the same route', () => {
        const fast = siteRow(wedgie('a-rs', 'b-ergw', 'c-dc', ['d1', 'd2', 'd3'], 'd4'));
        const slow = siteRow(wedgie('a-rs', 'b-ergw', 'c-dc', ['z4', 'z3', 'z2'], 'z1'));
        // The ExpressRoute route arrives first (three rounds against four): the route server keeps it.
        expect(fast).toEqual(['VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway']);
        expect(slow).toEqual(fast);
    });

    it('bgp a <-> b and bgp b <-> a route alike: the options apply to what either NVA sends', () => {
        const spec = (left: string, right: string): TopologySpec => ({
            vnets: [{
                name: 'v', addressSpace: ['10.1.0.0/16'],
                nvas: [
                    { name: 'a', ip: '10.1.1.4', asn: 65001, advertises: ['172.16.1.0/24'] },
                    { name: 'b', ip: '10.1.1.5', asn: 65002, advertises: ['172.16.2.0/24'] }
                ]
            }],
            sessions: [{ left, right, asPathPrepend: 2 }]
        });
        const sent = (s: TopologySpec) => {
            const topology = build(s);
            const session = computeRouting(topology, OPTIONS).sessions[0];
            return [...session.aToB, ...session.bToA].map(x => `${x.from.name}->${x.to.name} ${x.prefix.text} [${x.asPath.join(' ')}]`).sort();
        };
        expect(sent(spec('a', 'b'))).toEqual(['a->b 172.16.1.0/24 [65001 65001 65001]', 'b->a 172.16.2.0/24 [65002 65002 65002]']);
        expect(sent(spec('b', 'a'))).toEqual(sent(spec('a', 'b')));
    });
});
