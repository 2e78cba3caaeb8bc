import type { Prefix, Subnet, VNet } from '../model/topology.js';
import { containsPrefix, formatAddress, makePrefix } from '../model/prefix.js';
import type { Domains } from './domains.js';
import { PrefixIndex, prefixKey } from './prefix-index.js';
import type { Programming } from './programming.js';
import type {
    EffectiveNextHopType, EffectiveRoute, EffectiveRouteSource, RouteProvenance
} from './types.js';

/**
 * A subnet's effective route table (SEMANTICS.md §4): system routes, the BGP routes its VNet is
 * programmed with, the user routes of its route table, and which of each prefix is Active.
 */

/** ER-SYS-DEFAULT: the address blocks Azure drops unless a VNet range claims them. */
const RESERVED_NONE: readonly Prefix[] = [
    makePrefix(0x0a000000, 8),      // 10.0.0.0/8
    makePrefix(0xac100000, 12),     // 172.16.0.0/12
    makePrefix(0xc0a80000, 16),     // 192.168.0.0/16
    makePrefix(0x64400000, 10)      // 100.64.0.0/10
];
const DEFAULT_ROUTE = makePrefix(0, 0);

/** Row order within a prefix (SEMANTICS.md §4), and which source wins (ER-UDR, rule book §4.2). */
const SOURCE_ORDER: Record<EffectiveRouteSource, number> = { Default: 0, VirtualNetworkGateway: 1, User: 2 };
const SOURCE_PRIORITY: Record<EffectiveRouteSource, number> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };
/** Among system routes of one prefix (only overlapping, rejected address spaces produce two). */
const TYPE_ORDER: Record<EffectiveNextHopType, number> = {
    VnetLocal: 0, VNetPeering: 1, VNetGlobalPeering: 2, VirtualNetworkGateway: 3, VirtualAppliance: 4, Internet: 5, None: 6
};

interface Draft {
    readonly source: EffectiveRouteSource;
    readonly addressPrefix: Prefix;
    readonly nextHopType: EffectiveNextHopType;
    readonly ips: readonly number[];
    readonly name: string | null;
    readonly provenance: RouteProvenance;
}

interface VNetRoutes {
    readonly system: readonly Draft[];
    /** RT-SYSTEM-WINS: the VNet's own ranges and those of its Connected peers. */
    readonly systemRanges: PrefixIndex<true>;
}

export class EffectiveRoutes {
    private readonly perVNet = new Map<VNet, VNetRoutes>();
    private readonly perSubnet = new Map<Subnet, readonly EffectiveRoute[]>();
    private readonly activeIndex = new Map<Subnet, PrefixIndex<EffectiveRoute>>();

    constructor(private readonly domains: Domains, private readonly programming: Programming) {}

    effectiveRoutes(subnet: Subnet): readonly EffectiveRoute[] {
        let rows = this.perSubnet.get(subnet);
        if (!rows) {
            rows = this.compute(subnet);
            this.perSubnet.set(subnet, rows);
        }
        return rows;
    }

    lookup(subnet: Subnet, address: number): EffectiveRoute | undefined {
        let index = this.activeIndex.get(subnet);
        if (!index) {
            index = new PrefixIndex<EffectiveRoute>();
            for (const row of this.effectiveRoutes(subnet)) if (row.state === 'Active') index.add(row.addressPrefix, row);
            this.activeIndex.set(subnet, index);
        }
        // §4.5: longest prefix match among Active routes.
        return index.longestMatch(address)?.value;
    }

    private vnetRoutes(vnet: VNet): VNetRoutes {
        let hit = this.perVNet.get(vnet);
        if (hit) return hit;
        const system: Draft[] = [];
        const systemRanges = new PrefixIndex<true>();
        const row = (addressPrefix: Prefix, nextHopType: EffectiveNextHopType, provenance: RouteProvenance): Draft =>
            ({ source: 'Default', addressPrefix, nextHopType, ips: [], name: null, provenance });
        for (const range of vnet.addressSpace) {
            system.push(row(range, 'VnetLocal', { kind: 'vnet-local', vnet }));
            systemRanges.add(range, true);
        }
        for (const peering of this.domains.peeringsOf(vnet)) {
            const remote = peering.to;
            // PF-GLOBAL: a peering across regions shows as VNetGlobalPeering.
            const global = vnet.region !== undefined && remote.region !== undefined
                && vnet.region.toLowerCase() !== remote.region.toLowerCase();
            for (const range of remote.addressSpace) {
                system.push(row(range, global ? 'VNetGlobalPeering' : 'VNetPeering', { kind: 'peering', vnet: remote, peering }));
                systemRanges.add(range, true);
            }
        }
        system.push(row(DEFAULT_ROUTE, 'Internet', { kind: 'internet' }));
        for (const reserved of RESERVED_NONE) {
            // ER-SYS-NONE-ADJ: a VNet range equal to or containing a reserved block replaces it; one
            // inside it leaves both, and longest prefix match decides.
            const claimed = vnet.addressSpace.some(range => containsPrefix(range, reserved));
            if (!claimed) system.push(row(reserved, 'None', { kind: 'reserved' }));
        }
        hit = { system, systemRanges };
        this.perVNet.set(vnet, hit);
        return hit;
    }

    private compute(subnet: Subnet): EffectiveRoute[] {
        const { system, systemRanges } = this.vnetRoutes(subnet.vnet);
        const table = subnet.routeTable;
        const disabled = table?.disableBgpRoutePropagation ?? false;
        const drafts: Draft[] = [...system];
        // ER-PROP: a route table with propagation disabled keeps out every BGP route, gateway and ARS alike.
        if (!disabled) {
            for (const programmed of this.programming.programmedInto(subnet.vnet)) {
                // RT-SYSTEM-WINS: VNet and peering routes beat BGP even when it is more specific; Azure
                // shows no row for it.
                if (systemRanges.covering(programmed.prefix)) continue;
                drafts.push({
                    source: 'VirtualNetworkGateway', addressPrefix: programmed.prefix, nextHopType: 'VirtualNetworkGateway',
                    ips: programmed.nextHops, name: null, provenance: { kind: 'bgp', programmed }
                });
            }
        }
        for (const route of table?.routes ?? []) {
            if (!route.prefix || !route.nextHopType) continue;
            drafts.push({
                source: 'User', addressPrefix: route.prefix, nextHopType: route.nextHopType,
                ips: route.nextHopType === 'VirtualAppliance' && route.nextHopIp !== undefined ? [route.nextHopIp] : [],
                name: route.name, provenance: { kind: 'user', route }
            });
        }
        drafts.sort(compareDrafts);
        const rows: EffectiveRoute[] = [];
        for (let i = 0; i < drafts.length;) {
            let j = i;
            const key = prefixKey(drafts[i].addressPrefix);
            while (j < drafts.length && prefixKey(drafts[j].addressPrefix) === key) j++;
            // ER-UDR: per prefix, User beats VirtualNetworkGateway beats Default; the losers stay, Invalid.
            let winner = i;
            for (let k = i + 1; k < j; k++) {
                if (SOURCE_PRIORITY[drafts[k].source] < SOURCE_PRIORITY[drafts[winner].source]) winner = k;
            }
            for (let k = i; k < j; k++) {
                const d = drafts[k];
                rows.push({
                    source: d.source, state: k === winner ? 'Active' : 'Invalid', addressPrefix: d.addressPrefix,
                    nextHopType: d.nextHopType, nextHopIpAddress: [...d.ips].sort((x, y) => x - y).map(formatAddress),
                    name: d.name, disableBgpRoutePropagation: disabled, provenance: d.provenance
                });
            }
            i = j;
        }
        return rows;
    }
}

function compareDrafts(x: Draft, y: Draft): number {
    return x.addressPrefix.network - y.addressPrefix.network
        || x.addressPrefix.length - y.addressPrefix.length
        || SOURCE_ORDER[x.source] - SOURCE_ORDER[y.source]
        || TYPE_ORDER[x.nextHopType] - TYPE_ORDER[y.nextHopType]
        || compareText(x.name ?? '', y.name ?? '')
        || compareIps(x.ips, y.ips)
        || compareText(provenanceKey(x.provenance), provenanceKey(y.provenance));
}

function compareIps(x: readonly number[], y: readonly number[]): number {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
}

function provenanceKey(p: RouteProvenance): string {
    switch (p.kind) {
        case 'vnet-local': return p.vnet.name;
        case 'peering': return p.vnet.name;
        case 'bgp': return p.programmed.by.name;
        case 'user': return p.route.name;
        default: return '';
    }
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
