import { comparePrefixes, formatAddress } from '../model/prefix.js';
import type { Prefix, Subnet, Topology } from '../model/topology.js';
import type { EffectiveRoute, RoutingResult } from '../routing/types.js';
import { describeDropReason, describeSessionDown } from '../analysis/route-text.js';
import type { FlowAdvertisement, FlowDrop, FlowInstall, FlowOrigin, RouteFlow, RouteFlowSource } from './flow-source.js';

/**
 * The route engine's result seen through the diagram's narrow `RouteFlowSource`: who originates a
 * prefix, every advertisement with the AS path as sent, every route not taken with the reason in
 * words (analysis/route-text.ts: the hover's and the CLI's wording), and the VMs whose effective
 * routes carry it.
 */
export function routeFlowSource(topology: Topology, routing: RoutingResult): RouteFlowSource {
    let prefixCache: string[] | undefined;
    return {
        prefixes: () => prefixCache ??= collectPrefixes(routing),
        flow: prefix => flowOf(topology, routing, prefix),
        sessionDown: (a, b) => {
            const session = routing.sessions.find(s => s.kind === 'bgp' && !s.up &&
                ((s.a.name === a && s.b.name === b) || (s.a.name === b && s.b.name === a)));
            return session?.down ? describeSessionDown(session.down) : undefined;
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
            drops.push({ at: rib.speaker.name, from: r.from.name, asPath: [...r.asPath], reason: describeDropReason(r.reason) });
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
