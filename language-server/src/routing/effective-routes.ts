import { userRouteProblem } from '../model/user-route.js';
import type { Prefix, RouteTable, Subnet, VNet } from '../model/topology.js';
import { containsPrefix, formatAddress, makePrefix } from '../model/prefix.js';
import type { Domains } from './domains.js';
import { PrefixIndex, prefixKey } from './prefix-index.js';
import type { Programming } from './programming.js';
import type {
    EffectiveNextHopType, EffectiveRoute, EffectiveRouteSource, ProgrammedRoute, RouteProvenance
} from './types.js';
import { compareText } from '../model/compare.js';
import { partitionPoint } from '../model/search.js';

/**
 * A subnet's effective route table (docs/semantics.md §4): system routes, the BGP routes its VNet is
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

/** Row order within a prefix (docs/semantics.md §4), and which source wins (ER-UDR, rule book §4.2). */
const SOURCE_ORDER: Record<EffectiveRouteSource, number> = { Default: 0, VirtualNetworkGateway: 1, User: 2 };
const SOURCE_PRIORITY: Record<EffectiveRouteSource, number> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };
/** Among system routes of one prefix (only overlapping, rejected address spaces produce two). */
const TYPE_ORDER: Record<EffectiveNextHopType, number> = {
    VnetLocal: 0, VNetPeering: 1, VNetGlobalPeering: 2, VirtualNetworkGateway: 3, VirtualAppliance: 4, Internet: 5, None: 6
};

interface Draft {
    readonly source: EffectiveRouteSource;
    readonly addressPrefix: Prefix;
    readonly key: number;
    readonly nextHopType: EffectiveNextHopType;
    /** Sorted numerically. */
    readonly ips: readonly number[];
    readonly name: string | null;
    readonly provenance: RouteProvenance;
    /** The row objects made from it, by state and propagation flag: shared by every subnet. */
    readonly rows: Array<EffectiveRoute | undefined>;
}

function draft(source: EffectiveRouteSource, addressPrefix: Prefix, nextHopType: EffectiveNextHopType, ips: readonly number[],
    name: string | null, provenance: RouteProvenance): Draft {
    return {
        source, addressPrefix, key: prefixKey(addressPrefix), nextHopType, ips: [...ips].sort((x, y) => x - y),
        name, provenance, rows: []
    };
}

function rowOf(d: Draft, active: boolean, disabled: boolean): EffectiveRoute {
    const slot = (active ? 0 : 1) + (disabled ? 2 : 0);
    let row = d.rows[slot];
    if (!row) {
        row = {
            source: d.source, state: active ? 'Active' : 'Invalid', addressPrefix: d.addressPrefix, nextHopType: d.nextHopType,
            nextHopIpAddress: d.ips.map(formatAddress), name: d.name, disableBgpRoutePropagation: disabled, provenance: d.provenance
        };
        d.rows[slot] = row;
    }
    return row;
}

interface VNetRoutes {
    /** Sorted by compareDrafts. */
    readonly system: readonly Draft[];
    /** `system` without the four reserved `None` rows (a UDR 0.0.0.0/0 to an appliance or gateway). */
    withoutNone: readonly Draft[] | undefined;
    /** `system` without the four `None` rows and the `Default 0.0.0.0/0 Internet` row (a BGP 0.0.0.0/0). */
    withoutNoneOrInternet: readonly Draft[] | undefined;
    /** A BGP 0.0.0.0/0 is among `bgp`. */
    readonly bgpDefault: boolean;
    /** BGP routes after RT-SYSTEM-WINS, sorted by prefix. */
    readonly bgp: readonly Draft[];
    /** The table of a subnet with no route table (or an empty one that keeps propagation). */
    plain: readonly EffectiveRoute[] | undefined;
}

export class EffectiveRoutes {
    private readonly perVNet = new Map<VNet, VNetRoutes>();
    private readonly perTable = new Map<RouteTable, readonly Draft[]>();
    /** Drafts per programmed list: the thousands of spokes of one hub share them and their rows. */
    private readonly perProgrammedList = new Map<readonly ProgrammedRoute[], readonly Draft[]>();
    private readonly perSubnet = new Map<Subnet, readonly EffectiveRoute[]>();
    private readonly activeLayers = new Map<Subnet, { readonly indexes: readonly PrefixIndex<Draft>[]; readonly disabled: boolean }>();
    private readonly draftIndexes = new Map<readonly Draft[], PrefixIndex<Draft>>();

    constructor(private readonly domains: Domains, private readonly programming: Programming) {}

    effectiveRoutes(subnet: Subnet): readonly EffectiveRoute[] {
        let rows = this.perSubnet.get(subnet);
        if (!rows) {
            rows = this.compute(subnet);
            this.perSubnet.set(subnet, rows);
        }
        return rows;
    }

    /**
     * §4.5: the longest-prefix-match Active row of the subnet's table for an address, the same row
     * object `effectiveRoutes` lists. Answered from the table's three sorted sources (system, BGP,
     * user), each indexed once per list and shared by every subnet that has the same list (the
     * thousands of spokes of one hub share their BGP list), so that a lookup does not build the
     * subnet's table: the forwarding checks look up every spoke on every build.
     */
    lookup(subnet: Subnet, address: number): EffectiveRoute | undefined {
        let layers = this.activeLayers.get(subnet);
        if (!layers) {
            const vnetRoutes = this.vnetRoutes(subnet.vnet);
            const table = subnet.routeTable;
            const disabled = table?.disableBgpRoutePropagation ?? false;
            const user = table ? this.userDrafts(table) : [];
            // The same lists `compute` merges, most preferred first (ER-UDR: User, then VirtualNetworkGateway, then Default).
            const lists = [user, disabled ? [] : vnetRoutes.bgp, systemRoutesOf(vnetRoutes, !disabled && vnetRoutes.bgpDefault, user)];
            layers = { indexes: lists.filter(l => l.length > 0).map(l => this.draftIndex(l)), disabled };
            this.activeLayers.set(subnet, layers);
        }
        let best: Draft | undefined;
        for (const index of layers.indexes) {
            const hit = index.longestMatch(address);
            // Of one prefix the first draft of the most preferred list is the Active row (`compute`'s flush).
            if (hit && (!best || hit.prefix.length > best.addressPrefix.length)) best = hit.value;
        }
        return best ? rowOf(best, true, layers.disabled) : undefined;
    }

    /** A sorted draft list by prefix, the first draft of each prefix kept. */
    private draftIndex(list: readonly Draft[]): PrefixIndex<Draft> {
        let index = this.draftIndexes.get(list);
        if (!index) {
            index = new PrefixIndex<Draft>();
            for (const d of list) index.add(d.addressPrefix, d);
            this.draftIndexes.set(list, index);
        }
        return index;
    }

    private vnetRoutes(vnet: VNet): VNetRoutes {
        let hit = this.perVNet.get(vnet);
        if (hit) return hit;
        const system: Draft[] = [];
        const systemRanges: Prefix[] = [];
        const row = (addressPrefix: Prefix, nextHopType: EffectiveNextHopType, provenance: RouteProvenance): Draft =>
            draft('Default', addressPrefix, nextHopType, [], null, provenance);
        for (const range of vnet.addressSpace) {
            system.push(row(range, 'VnetLocal', { kind: 'vnet-local', vnet }));
            systemRanges.push(range);
        }
        for (const peering of this.domains.peeringsOf(vnet)) {
            const remote = peering.to;
            // PF-GLOBAL: a peering across regions shows as VNetGlobalPeering.
            const global = vnet.region !== undefined && remote.region !== undefined
                && vnet.region.toLowerCase() !== remote.region.toLowerCase();
            for (const range of remote.addressSpace) {
                system.push(row(range, global ? 'VNetGlobalPeering' : 'VNetPeering', { kind: 'peering', vnet: remote, peering }));
                systemRanges.push(range);
            }
        }
        system.push(row(DEFAULT_ROUTE, 'Internet', { kind: 'internet' }));
        for (const reserved of RESERVED_NONE) {
            // ER-SYS-NONE-ADJ: a VNet range equal to or containing a reserved block replaces it; one
            // inside it leaves both, and longest prefix match decides.
            const claimed = vnet.addressSpace.some(range => containsPrefix(range, reserved));
            if (!claimed) system.push(row(reserved, 'None', { kind: 'reserved' }));
        }
        system.sort(compareDrafts);
        const bgp = this.bgpDrafts(vnet, systemRanges);
        hit = {
            system, bgp, plain: undefined, withoutNone: undefined, withoutNoneOrInternet: undefined,
            bgpDefault: bgp.some(d => d.addressPrefix.length === 0)
        };
        this.perVNet.set(vnet, hit);
        return hit;
    }

    private bgpDrafts(vnet: VNet, systemRanges: readonly Prefix[]): readonly Draft[] {
        const programmed = this.programming.programmedInto(vnet);
        // RT-SYSTEM-WINS: VNet and peering routes beat BGP even when it is more specific; Azure shows
        // no row for it. Programmed routes are sorted by address, so each range finds what it
        // covers by binary search instead of every route probing every range.
        // Allocated on the first hidden route: most VNets (spokes) hide none.
        let hidden: Uint8Array | undefined;
        for (const range of systemRanges) {
            const lo = partitionPoint(programmed.length, i => programmed[i].prefix.network < range.first);
            for (let i = lo; i < programmed.length && programmed[i].prefix.network <= range.last; i++) {
                if (containsPrefix(range, programmed[i].prefix)) (hidden ??= new Uint8Array(programmed.length))[i] = 1;
            }
        }
        let all = this.perProgrammedList.get(programmed);
        if (!all) {
            all = programmed.map(p => draft('VirtualNetworkGateway', p.prefix, 'VirtualNetworkGateway', p.nextHops, null, { kind: 'bgp', programmed: p }));
            this.perProgrammedList.set(programmed, all);
        }
        return hidden ? all.filter((_, i) => !hidden![i]) : all;
    }

    private userDrafts(table: RouteTable): readonly Draft[] {
        let drafts = this.perTable.get(table);
        if (!drafts) {
            const list: Draft[] = [];
            for (const route of table.routes) {
                // A route Azure would refuse (ER-UDR: a next hop IP only with VirtualAppliance) is not there.
                if (!route.prefix || !route.nextHopType || userRouteProblem(route)) continue;
                const ips = route.nextHopType === 'VirtualAppliance' && route.nextHopIp !== undefined ? [route.nextHopIp] : [];
                list.push(draft('User', route.prefix, route.nextHopType, ips, route.name, { kind: 'user', route }));
            }
            drafts = list.sort(compareDrafts);
            this.perTable.set(table, drafts);
        }
        return drafts;
    }

    private compute(subnet: Subnet): readonly EffectiveRoute[] {
        const vnetRoutes = this.vnetRoutes(subnet.vnet);
        const table = subnet.routeTable;
        const disabled = table?.disableBgpRoutePropagation ?? false;
        const user = table ? this.userDrafts(table) : [];
        const plain = !disabled && user.length === 0;
        if (plain && vnetRoutes.plain) return vnetRoutes.plain;
        // ER-PROP: a route table with propagation disabled keeps out every BGP route, gateway and ARS alike.
        const lists = [systemRoutesOf(vnetRoutes, !disabled && vnetRoutes.bgpDefault, user), disabled ? [] : vnetRoutes.bgp, user];
        const at = [0, 0, 0];
        // Every draft gives one row: allocate once (tables of thousands of rows, for thousands of spokes).
        const rows = new Array<EffectiveRoute>(lists[0].length + lists[1].length + lists[2].length);
        let count = 0;
        const group: Draft[] = [];
        let size = 0;
        const flush = () => {
            // ER-UDR: per prefix, User beats VirtualNetworkGateway beats Default; the losers stay, Invalid.
            let winner = 0;
            for (let k = 1; k < size; k++) {
                if (SOURCE_PRIORITY[group[k].source] < SOURCE_PRIORITY[group[winner].source]) winner = k;
            }
            for (let k = 0; k < size; k++) rows[count++] = rowOf(group[k], k === winner, disabled);
            size = 0;
        };
        // The three lists are each sorted and their sources differ, so merging them is the full sort.
        for (;;) {
            let pick = -1;
            for (let l = 0; l < 3; l++) {
                if (at[l] < lists[l].length && (pick < 0 || compareDrafts(lists[l][at[l]], lists[pick][at[pick]]) < 0)) pick = l;
            }
            if (pick < 0) break;
            const d = lists[pick][at[pick]++];
            if (size > 0 && group[0].key !== d.key) flush();
            group[size++] = d;
        }
        if (size > 0) flush();
        if (plain) vnetRoutes.plain = rows;
        return rows;
    }
}

/**
 * The system rows a subnet keeps when 0.0.0.0/0 is taken over (docs/semantics.md §4.1, v2). A user route
 * 0.0.0.0/0 to `VirtualAppliance` or `VirtualNetworkGateway` removes the four reserved `None` rows
 * (the Internet default stays, Invalid); a BGP 0.0.0.0/0 programmed into the subnet removes those
 * and the `Default 0.0.0.0/0 Internet` row too. A user route 0.0.0.0/0 to `None` or `Internet`
 * removes nothing. Source: the routing example of Azure's "Virtual network traffic routing" page
 * ("Azure removed the routes for the 10.0.0.0/8, 192.168.0.0/16 and 100.64.0.0/10 address prefixes
 * ... when the user-defined route for 0.0.0.0/0 was added") and real `show-effective-route-table`
 * outputs of published labs with a UDR or a BGP default.
 */
function systemRoutesOf(routes: VNetRoutes, bgpDefault: boolean, user: readonly Draft[]): readonly Draft[] {
    if (bgpDefault) {
        return routes.withoutNoneOrInternet ??= routes.system.filter(d => d.provenance.kind !== 'reserved' && d.provenance.kind !== 'internet');
    }
    const udrDefault = user.some(d => d.addressPrefix.length === 0
        && (d.nextHopType === 'VirtualAppliance' || d.nextHopType === 'VirtualNetworkGateway'));
    if (udrDefault) return routes.withoutNone ??= routes.system.filter(d => d.provenance.kind !== 'reserved');
    return routes.system;
}

function compareDrafts(x: Draft, y: Draft): number {
    return x.key - y.key
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
