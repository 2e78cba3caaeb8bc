import { comparePrefixes, formatAddress } from '../model/prefix.js';
import type { Prefix, Subnet, Topology } from '../model/topology.js';
import type { EffectiveRoute, RouteDropReason, RoutingResult, SessionDownReason } from '../routing/types.js';
import type { FlowAdvertisement, FlowDrop, FlowInstall, FlowOrigin, RouteFlow, RouteFlowSource } from './flow-source.js';

/**
 * The route engine's result seen through the diagram's narrow `RouteFlowSource`: who originates a
 * prefix, every advertisement with the AS path as sent, every route not taken with the reason in
 * words, and the VMs whose effective routes carry it.
 */
export function routeFlowSource(topology: Topology, routing: RoutingResult): RouteFlowSource {
    let prefixCache: string[] | undefined;
    return {
        prefixes: () => prefixCache ??= collectPrefixes(routing),
        flow: prefix => flowOf(topology, routing, prefix),
        sessionDown: (a, b) => {
            const session = routing.sessions.find(s => s.kind === 'bgp' && !s.up &&
                ((s.a.name === a && s.b.name === b) || (s.a.name === b && s.b.name === a)));
            return session?.down ? sessionDownText(session.down) : undefined;
        }
    };
}

/** Accepts either: the CLI and the server may hold the engine's result or an adapted source. */
export function isRoutingResult(value: unknown): value is RoutingResult {
    return typeof value === 'object' && value !== null && 'speakers' in value && 'effectiveRoutes' in value;
}

function collectPrefixes(routing: RoutingResult): string[] {
    const byText = new Map<string, Prefix>();
    for (const rib of routing.speakers) {
        for (const p of rib.originated) byText.set(p.text, p);
        for (const r of rib.received) byText.set(r.prefix.text, r.prefix);
    }
    return [...byText.values()].sort(comparePrefixes).map(p => p.text);
}

function flowOf(topology: Topology, routing: RoutingResult, prefix: string): RouteFlow {
    const origins: FlowOrigin[] = [];
    const drops: FlowDrop[] = [];
    for (const rib of routing.speakers) {
        if (rib.originated.some(p => p.text === prefix)) {
            const kind = rib.speaker.kind;
            origins.push({ at: rib.speaker.name, ...(kind === 'routeServer' || kind === 'gateway' ? { note: 'VNet range' } : {}) });
        }
        for (const r of rib.received) {
            if (r.prefix.text !== prefix || r.accepted || !r.reason) continue;
            drops.push({ at: rib.speaker.name, from: r.from.name, asPath: [...r.asPath], reason: dropReasonText(r.reason) });
        }
    }
    const advertisements: FlowAdvertisement[] = [];
    for (const session of routing.sessions) {
        if (!session.up) continue;
        for (const ad of [...session.aToB, ...session.bToA]) {
            if (ad.prefix.text !== prefix) continue;
            advertisements.push({
                from: ad.from.name, to: ad.to.name, asPath: [...ad.asPath],
                ...(ad.nextHop !== undefined ? { nextHop: formatAddress(ad.nextHop) } : {})
            });
        }
    }
    const installs: FlowInstall[] = [];
    const rowsOf = new Map<Subnet, readonly EffectiveRoute[]>();
    for (const vnet of topology.vnets) {
        for (const vm of vnet.vms) {
            let rows = rowsOf.get(vm.subnet);
            if (!rows) rowsOf.set(vm.subnet, rows = routing.effectiveRoutes(vm.subnet));
            const row = rows.find(r => r.addressPrefix.text === prefix && r.state === 'Active');
            if (!row) continue;
            installs.push({
                vm: vm.name, source: row.source, state: row.state, nextHopType: row.nextHopType,
                nextHopIpAddress: [...row.nextHopIpAddress]
            });
        }
    }
    return { prefix, origins, advertisements, drops, installs };
}

/** The reason a route was not taken, in words, without the speaker's name. */
export function dropReasonText(reason: RouteDropReason): string {
    switch (reason.kind) {
        case 'as-path-loop': return `AS path contains ${reason.asn}`;
        case 'vnet-range': return `inside VNet range ${reason.range.text} of ${reason.vnet.name}, ignored by Route Server`;
        case 'session-down': return `session down: ${sessionDownText(reason.why)}`;
        case 'route-limit': return `session torn down: ${reason.count} prefixes, limit ${reason.limit}`;
        case 'not-best':
            switch (reason.why) {
                case 'own-origin': return 'not best: it originates the prefix itself';
                case 'connection-preferred': return "not best: the gateway prefers its connection's route";
                case 'routing-preference': return 'not best: hubRoutingPreference prefers another route';
                case 'longer-as-path': return 'not best: longer AS path';
                case 'tie-break': return 'not best: an equal route from a lower ASN is used';
            }
    }
}

export function sessionDownText(why: SessionDownReason): string {
    switch (why.kind) {
        case 'endpoint-down': return `${why.endpoint.name} is down`;
        case 'invalid-endpoints': return 'these ends cannot peer';
        case 'duplicate': return 'duplicate of another session';
        case 'flagged': return 'configuration error';
        case 'too-many-peers': return `${why.routeServer.name} already has ${why.limit} peers`;
        case 'asn-undefined': return `${why.endpoint.name} has no ASN`;
        case 'route-limit': return `route limit: ${why.count} prefixes, limit ${why.limit}`;
    }
}
