import type { Peering, Prefix, Topology, VNet } from '../model/topology.js';
import { PrefixIndex, prefixKey } from './prefix-index.js';
import type { PeeringFlag, RoutingOptions } from './types.js';
import { byName } from '../model/compare.js';

/**
 * Which VNets a route server or gateway serves (docs/semantics.md §3), and the peering adjacency that
 * the effective routes need. Only Connected peerings count anywhere; a flag that drew an error
 * counts as false.
 */
export class Domains {
    /** Spokes of each hub, i.e. VNets that use its gateway or route server. */
    private readonly spokes = new Map<VNet, Set<VNet>>();
    private readonly hubs = new Map<VNet, VNet[]>();
    private readonly peers = new Map<VNet, Peering[]>();
    private readonly domainCache = new Map<VNet, readonly VNet[]>();
    private readonly rangeCache = new Map<VNet, { ranges: readonly Prefix[]; index: PrefixIndex<VNet> }>();

    constructor(topology: Topology, options: RoutingOptions) {
        const flag = (p: Peering, name: PeeringFlag): boolean =>
            (p[name] as boolean) && !(options.ignoredFlags?.get(p)?.has(name) ?? false);
        const paired = new Set<string>();
        for (const p of [...topology.peerings].sort((x, y) => x.index - y.index)) {
            if (p.state !== 'Connected' || !p.reverse || p.from === p.to) continue;
            // Of two peerings to the same VNet the first counts, as in the builder's pairing.
            const pair = `${p.from.name}\u0000${p.to.name}`;
            if (paired.has(pair)) continue;
            paired.add(pair);
            const list = this.peers.get(p.from) ?? [];
            list.push(p);
            this.peers.set(p.from, list);
            // PROP-1: the spoke sets useRemoteGateways and the hub allows gateway transit.
            // PROP-3: one peering hop only; nothing here follows a second one.
            if (flag(p, 'useRemoteGateways') && flag(p.reverse, 'allowGatewayTransit')) {
                const spokes = this.spokes.get(p.to) ?? new Set();
                spokes.add(p.from);
                this.spokes.set(p.to, spokes);
            }
        }
        for (const vnet of [...topology.vnets].sort(byName)) {
            if (vnet.routeServers.length === 0 && vnet.gateways.length === 0) continue;
            for (const member of this.domainOf(vnet)) {
                const list = this.hubs.get(member) ?? [];
                list.push(vnet);
                this.hubs.set(member, list);
            }
        }
    }

    /** The hub plus the VNets that use its gateway or route server, sorted by name (hub included). */
    domainOf(hub: VNet): readonly VNet[] {
        let domain = this.domainCache.get(hub);
        if (!domain) {
            domain = [...new Set([hub, ...(this.spokes.get(hub) ?? [])])].sort(byName);
            this.domainCache.set(hub, domain);
        }
        return domain;
    }

    /** VNets with a route server or gateway whose domain holds `vnet`, sorted by name. */
    hubsOf(vnet: VNet): readonly VNet[] {
        return this.hubs.get(vnet) ?? [];
    }

    /** Connected peerings from `vnet`, one per remote VNet, in file order. */
    peeringsOf(vnet: VNet): readonly Peering[] {
        return this.peers.get(vnet) ?? [];
    }

    /** The address ranges of a hub's domain (distinct, sorted) and an index from range to VNet. */
    rangesOf(hub: VNet): { ranges: readonly Prefix[]; index: PrefixIndex<VNet> } {
        let hit = this.rangeCache.get(hub);
        if (!hit) {
            const index = new PrefixIndex<VNet>();
            const byKey = new Map<number, Prefix>();
            for (const vnet of this.domainOf(hub)) {
                for (const range of vnet.addressSpace) {
                    index.add(range, vnet);
                    if (!byKey.has(prefixKey(range))) byKey.set(prefixKey(range), range);
                }
            }
            hit = { ranges: [...byKey.entries()].sort((x, y) => x[0] - y[0]).map(e => e[1]), index };
            this.rangeCache.set(hub, hit);
        }
        return hit;
    }
}
