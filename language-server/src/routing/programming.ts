import type { HubRoutingPreference, Nva, VNet } from '../model/topology.js';
import type { PropagationState } from './bgp-propagation.js';
import { byName } from '../model/compare.js';
import type { Domains } from './domains.js';
import type { Ribs } from './rib.js';
import type { SpeakerGraph } from './speakers.js';
import type { DomainProgram, ProgrammedRoute, Programmer } from './types.js';

/**
 * What route servers and gateways program into the VNets of their domain, and how a VNet that gets
 * the same prefix from both keeps one (docs/semantics.md §3).
 */
export class Programming {
    readonly programs: readonly DomainProgram[];
    private readonly programOf = new Map<Programmer, DomainProgram>();
    /** Merged routes by the set of hubs serving a VNet: thousands of spokes of one hub share one list. */
    private readonly mergedByHubs = new Map<string, readonly ProgrammedRoute[]>();

    constructor(graph: SpeakerGraph, state: PropagationState, ribs: Ribs, private readonly domains: Domains) {
        const programs: DomainProgram[] = [];
        for (const sp of graph.speakers) {
            const by = sp.element;
            if (by.kind !== 'routeServer' && by.kind !== 'gateway') continue;
            const routes: ProgrammedRoute[] = [];
            for (const [, b] of [...state.best[sp.index].entries()].sort((x, y) => x[0] - y[0])) {
                if (b.own || !b.selected) continue;
                if (by.kind === 'routeServer') {
                    // RT-PROGRAM: a route server programs the best routes it learned from NVAs, with the
                    // NVA's next hop; ECMP members together.
                    const fromNvas = b.set.filter(r => r.end.peer.role === 'nva');
                    if (fromNvas.length === 0) continue;
                    const nvas = [...new Set(fromNvas.map(r => r.end.peer.element as Nva))].sort(byName);
                    const nextHops = [...new Set(fromNvas.map(r => r.nextHop).filter((n): n is number => n !== undefined))]
                        .sort((x, y) => x - y);
                    const pub = fromNvas.map(ribs.publicOf);
                    routes.push({ prefix: b.selected.prefix, by, nextHops, nvas, asPath: pub[0].asPath, routes: pub });
                } else if (b.selected.end.link.kind === 'connection') {
                    // A gateway programs what its connections sent (static ones too). docs/semantics.md §4.2
                    // (v2): the next hops are its `nextHopIps`, the instance or Microsoft edge addresses
                    // Azure shows, as one ECMP row; none when it declares none.
                    const pub = ribs.publicOf(b.selected);
                    const nextHops = [...new Set(by.nextHopIps)].sort((x, y) => x - y);
                    routes.push({ prefix: b.selected.prefix, by, nextHops, nvas: [], asPath: pub.asPath, routes: [pub] });
                }
            }
            const program: DomainProgram = { by, domain: domains.domainOf(by.vnet), routes };
            programs.push(program);
            this.programOf.set(by, program);
        }
        this.programs = programs.sort((x, y) => byName(x.by, y.by) || (x.by.kind < y.by.kind ? -1 : x.by.kind > y.by.kind ? 1 : 0));
    }

    program(by: Programmer): DomainProgram | undefined {
        return this.programOf.get(by);
    }

    /** The BGP routes the subnets of `vnet` get, one per prefix, sorted by prefix. */
    programmedInto(vnet: VNet): readonly ProgrammedRoute[] {
        const hubs = this.domains.hubsOf(vnet);
        if (hubs.length === 0) return [];
        const cacheKey = hubs.map(h => h.name).join('\u0000') + (hubs.length > 1 ? `\u0001${vnet.name}` : '');
        let merged = this.mergedByHubs.get(cacheKey);
        if (!merged) {
            merged = this.merge(vnet, hubs);
            this.mergedByHubs.set(cacheKey, merged);
        }
        return merged;
    }

    private merge(vnet: VNet, hubs: readonly VNet[]): ProgrammedRoute[] {
        const winners = new Map<number, { route: ProgrammedRoute; hub: VNet }>();
        for (const hub of hubs) {
            const preference = hubPreference(hub);
            const perHub = new Map<number, ProgrammedRoute>();
            const programmers: Programmer[] = [...hub.routeServers, ...hub.gateways];
            for (const by of programmers) {
                for (const route of this.programOf.get(by)?.routes ?? []) {
                    const key = route.prefix.network * 64 + route.prefix.length;
                    const current = perHub.get(key);
                    if (!current || compareInHub(preference, route, current) < 0) perHub.set(key, route);
                }
            }
            for (const [key, route] of perHub) {
                const current = winners.get(key);
                if (!current || compareAcrossHubs(vnet, route, hub, current.route, current.hub) < 0) winners.set(key, { route, hub });
            }
        }
        return [...winners.entries()].sort((x, y) => x[0] - y[0]).map(e => e[1].route);
    }
}

/** The hub's route server decides; a hub with gateways only behaves as the default, ExpressRoute. */
function hubPreference(hub: VNet): HubRoutingPreference {
    return [...hub.routeServers].sort(byName)[0]?.hubRoutingPreference ?? 'ExpressRoute';
}

function sourceOf(route: ProgrammedRoute): 'er' | 'vpn' | 'nva' {
    if (route.by.kind === 'routeServer') return 'nva';
    return route.by.type === 'ExpressRoute' ? 'er' : 'vpn';
}

/**
 * RT-ER-PREF-SAMELEN, widened by docs/semantics.md §3 to every hubRoutingPreference: the same prefix
 * from the route server and a gateway gives one row. ExpressRoute keeps the ExpressRoute gateway's
 * route; VpnGateway keeps NVA and Vpn routes over ExpressRoute; then (and for ASPath) the shorter AS
 * path, the gateway's on a tie.
 */
function compareInHub(preference: HubRoutingPreference, x: ProgrammedRoute, y: ProgrammedRoute): number {
    const rank = (r: ProgrammedRoute): number => {
        const source = sourceOf(r);
        if (preference === 'ExpressRoute') return source === 'er' ? 0 : 1;
        if (preference === 'VpnGateway') return source === 'er' ? 1 : 0;
        return 0;
    };
    return rank(x) - rank(y)
        || x.asPath.length - y.asPath.length
        || (x.by.kind === 'gateway' ? 0 : 1) - (y.by.kind === 'gateway' ? 0 : 1)
        || byName(x.by, y.by);
}

/** A VNet served by two hubs is a configuration the checks reject; keep it deterministic anyway. */
function compareAcrossHubs(vnet: VNet, x: ProgrammedRoute, xHub: VNet, y: ProgrammedRoute, yHub: VNet): number {
    return x.asPath.length - y.asPath.length
        || (xHub === vnet ? 0 : 1) - (yHub === vnet ? 0 : 1)
        || byName(xHub, yHub);
}
