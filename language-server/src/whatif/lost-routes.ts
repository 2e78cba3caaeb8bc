import type { Prefix, Subnet, Topology, VNet } from '../model/topology.js';
import { overlaps } from '../model/prefix.js';
import type { EffectiveRoute, ProgrammedRoute, RoutingResult } from '../routing/index.js';
import { prefixKey } from '../routing/prefix-index.js';
import type { DerivedTopology } from './derived-topology.js';

/**
 * Which VMs lose every route to a site prefix under a failure: before it, the longest-prefix-match
 * Active row for the prefix's first address sent the traffic somewhere (a gateway, an NVA, a
 * peering); after it, nothing does (no row, or the `None` system route Azure keeps for the private
 * ranges, ER-SYS-DEFAULT, or the `Internet` default route, which does not reach a private site).
 *
 * Only what a failure can change is recomputed. A failure changes no user route and no peering,
 * only the BGP routes programmed into VNets, so:
 * - a VNet whose programmed prefixes are the same before and after loses nothing (a route may
 *   have changed its next hop: whether that still delivers is the forwarding walk's question);
 * - only a site prefix whose row as written was a BGP row of a prefix no longer programmed can be
 *   lost; the rows as written are looked up once for all failures;
 * - subnets that share a route table (or none), the programmed routes before and after, and the
 *   system rows that overlap site prefixes get the same answer: it is computed once per group.
 */

/** One VM and the site prefixes it no longer has any route to. */
export interface LostRoutes {
    /** The VM's name. */
    readonly element: string;
    /** Canonical prefix texts, in prefix order. */
    readonly prefixes: readonly string[];
    /** How the VM reached them before the failure, by prefix: `via nva1 (rs0)`, `via ergw1` (for the text, not the JSON). */
    readonly was?: ReadonlyMap<string, string>;
}

/** The route a VM used before: its programmer and the NVAs it pointed to. */
function wasVia(row: EffectiveRoute): string {
    if (row.provenance.kind !== 'bgp') return `by ${row.nextHopType}`;
    const p = row.provenance.programmed;
    return p.nvas.length ? `via ${p.nvas.map(n => n.name).join(', ')}, learned by ${p.by.name}` : `via ${p.by.name}`;
}

/** What is shared by every failure of one topology: the site prefixes and each VNet's system-row signature. */
export class LostRouteBaseline {
    /** Every prefix of every onprem site, distinct, in prefix order. */
    readonly sitePrefixes: readonly Prefix[];
    private readonly systemKey = new Map<VNet, string>();
    private readonly ids = new WeakMap<object, number>();
    private nextId = 1;
    private readonly rows = new Map<string, ReadonlyArray<EffectiveRoute | undefined>>();

    constructor(readonly topology: Topology, readonly routing: RoutingResult) {
        const byText = new Map<string, Prefix>();
        for (const site of topology.sites) for (const p of site.prefixes) byText.set(p.text, p);
        this.sitePrefixes = [...byText.values()].sort((a, b) => a.network - b.network || a.length - b.length);
        for (const vnet of topology.vnets) {
            // VnetLocal and peering rows that overlap a site prefix decide its lookup as much as BGP rows do.
            const ranges = [vnet, ...peeredVNets(topology, vnet)].flatMap(v => v.addressSpace)
                .filter(r => this.sitePrefixes.some(p => overlaps(p, r)));
            this.systemKey.set(vnet, ranges.map(r => r.text).sort().join(','));
        }
    }

    /** A small number naming an object (a programmed-route list) for group keys; every empty list is 0. */
    idOf(o: object): number {
        if (Array.isArray(o) && o.length === 0) return 0;
        let id = this.ids.get(o);
        if (id === undefined) this.ids.set(o, id = this.nextId++);
        return id;
    }

    systemKeyOf(vnet: VNet): string {
        return this.systemKey.get(vnet) ?? '';
    }

    /**
     * The row each site prefix's first address matches in a subnet as written, per group of
     * subnets that get the same answer (computed once for every failure).
     */
    rowsOf(subnet: Subnet, groupKey: string): ReadonlyArray<EffectiveRoute | undefined> {
        let rows = this.rows.get(groupKey);
        if (!rows) {
            rows = this.sitePrefixes.map(p => this.routing.lookup(subnet, p.network));
            this.rows.set(groupKey, rows);
        }
        return rows;
    }
}

function peeredVNets(topology: Topology, vnet: VNet): VNet[] {
    return topology.peerings.filter(p => p.from === vnet && p.state === 'Connected').map(p => p.to);
}

/** Prefix keys programmed before and not after; empty when the same prefixes are programmed. */
function removedPrefixes(before: readonly ProgrammedRoute[], after: readonly ProgrammedRoute[]): Set<number> {
    const removed = new Set<number>();
    if (before.length === after.length && before.every((r, i) => prefixKey(r.prefix) === prefixKey(after[i].prefix))) return removed;
    const kept = new Set(after.map(r => prefixKey(r.prefix)));
    for (const r of before) if (!kept.has(prefixKey(r.prefix))) removed.add(prefixKey(r.prefix));
    return removed;
}

/** A row that sends traffic toward a private site: not missing, not `None`, not the Internet. */
function reaches(row: EffectiveRoute | undefined): boolean {
    return row !== undefined && row.nextHopType !== 'None' && row.nextHopType !== 'Internet';
}

/**
 * The VMs that lose every route to a site prefix under a failure, in the topology's VM order.
 * `routing` is the route engine's result over `derived.topology`.
 */
export function lostRoutes(base: LostRouteBaseline, derived: DerivedTopology, routing: RoutingResult): LostRoutes[] {
    const out: LostRoutes[] = [];
    const answers = new Map<string, { prefixes: readonly string[]; was: ReadonlyMap<string, string> }>();
    // VNets of one domain share their programmed-route lists: compare each pair of lists once.
    const removedByPair = new Map<string, Set<number>>();
    for (const vnet of base.topology.vnets) {
        if (vnet.vms.length === 0) continue;
        const after = derived.copyOf(vnet);
        if (!after) continue;
        const programmedBefore = base.routing.programmedInto(vnet);
        const programmedAfter = routing.programmedInto(after);
        const pairKey = `${base.idOf(programmedBefore)}:${base.idOf(programmedAfter)}`;
        let removed = removedByPair.get(pairKey);
        if (!removed) removedByPair.set(pairKey, removed = removedPrefixes(programmedBefore, programmedAfter));
        if (removed.size === 0) continue;
        const baseKey = `${base.idOf(programmedBefore)}:${base.systemKeyOf(vnet)}`;
        const vnetKey = `${baseKey}:${base.idOf(programmedAfter)}`;
        const subnets = new Set<Subnet>(vnet.vms.map(vm => vm.subnet));
        for (const subnet of subnets) {
            const table = subnet.routeTable?.name ?? '';
            const key = `${vnetKey}:${table}`;
            let lost = answers.get(key);
            if (!lost) {
                const subnetAfter = derived.copyOf(subnet)!;
                const before = base.rowsOf(subnet, `${baseKey}:${table}`);
                // A failure changes BGP rows only: a prefix can be lost only where a removed BGP row matched it.
                const was = new Map<string, string>();
                base.sitePrefixes.forEach((p, i) => {
                    const row = before[i];
                    if (row !== undefined && row.source === 'VirtualNetworkGateway' && removed.has(prefixKey(row.addressPrefix))
                        && reaches(row) && !reaches(routing.lookup(subnetAfter, p.network))) was.set(p.text, wasVia(row));
                });
                lost = { prefixes: [...was.keys()], was };
                answers.set(key, lost);
            }
            if (lost.prefixes.length === 0) continue;
            for (const vm of subnet.vms) out.push({ element: vm.name, prefixes: lost.prefixes, was: lost.was });
        }
    }
    const order = new Map(base.topology.vnets.flatMap(v => v.vms).map((vm, i) => [vm.name, i]));
    return out.sort((a, b) => (order.get(a.element) ?? 0) - (order.get(b.element) ?? 0));
}
