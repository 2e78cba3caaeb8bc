/**
 * Random hub-and-spoke topologies for the determinism property (docs/semantics.md §1–§2 v2), and the
 * three rewrites that must change no route table beyond the names in it: renaming every element,
 * reordering every list, and swapping the ends of every `bgp` statement.
 *
 * The networks have one or two hubs with route servers, ExpressRoute and Vpn gateways, NVAs,
 * spokes, BGP and (v2) static sites, VNet-to-VNet connections (sometimes one-sided) and UDRs.
 * What is generated stays inside what the contract makes order-free: NVAs and BGP sites have distinct
 * ASNs (the tie-break after AS-path length is the peer's ASN, then its name: docs/semantics.md §2), no
 * duplicate `bgp` statements and at most eight peers per route server (both decided in file order,
 * §1), and no VNet served by two hubs (a configuration the checks reject).
 */
import type { EffectiveRoute, RoutingResult } from '../../language-server/src/routing/index.js';
import type * as T from '../../language-server/src/model/topology.js';
import { shuffled, type NvaSpec, type RouteTableSpec, type SessionSpec, type TopologySpec, type VNetSpec } from './build.js';

/** xorshift32: the same seed gives the same topology. */
export function rng(seed: number): () => number {
    let state = seed >>> 0 || 1;
    return () => {
        state ^= state << 13; state >>>= 0;
        state ^= state >>> 17;
        state ^= state << 5; state >>>= 0;
        return state / 2 ** 32;
    };
}

const PREFIX_POOL = ['0.0.0.0/0', '172.16.0.0/12', '192.168.10.0/24', '10.200.0.0/16', '10.201.0.0/16', '10.0.0.0/8'];
const PREFERENCES = ['ExpressRoute', 'VpnGateway', 'ASPath'] as const;

export function randomTopology(seed: number): TopologySpec {
    const random = rng(seed);
    const chance = (p: number) => random() < p;
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const pick = <X>(xs: readonly X[]): X => xs[Math.floor(random() * xs.length)];
    const subset = <X>(xs: readonly X[], p: number): X[] => xs.filter(() => chance(p));
    let nextAsn = 65001;

    // (v2) A site without asn is a static connection.
    const sites = Array.from({ length: int(0, 3) }, (_, k) => ({
        name: `site${k}`, asn: chance(0.25) ? undefined : 65100 + k, prefixes: subset(PREFIX_POOL.slice(1), 0.4)
    }));
    const vnets: VNetSpec[] = [];
    const peerings: NonNullable<TopologySpec['peerings']> = [];
    const routeTables: RouteTableSpec[] = [];
    const sessions: SessionSpec[] = [];
    const hubs = int(1, 2);
    const nvasOf: string[][] = [];
    const rsOf: Array<string | undefined> = [];
    for (let h = 1; h <= hubs; h++) {
        const nvas: NvaSpec[] = Array.from({ length: int(0, 3) }, (_, k) => ({
            name: `nva${h}${k}`, ip: `10.${h}.1.${4 + k}`, asn: nextAsn++,
            advertises: subset([...PREFIX_POOL, `10.${h}.0.0/16`], 0.3),
            state: chance(0.1) ? 'down' as const : 'up' as const
        }));
        const gateways: NonNullable<VNetSpec['gateways']> = [];
        const connect = () => sites.filter(() => chance(0.5)).map(s => s.name);
        // ExpressRoute needs BGP: its static sites are an error, left out here.
        if (chance(0.5)) gateways.push({ name: `ergw${h}`, type: 'ExpressRoute', subnet: `10.${h}.0.64/27`, connections: connect().filter(n => sites.find(x => x.name === n)!.asn !== undefined) });
        if (chance(0.5)) {
            gateways.push({
                name: `vpngw${h}`, type: 'Vpn', subnet: `10.${h}.0.96/27`, connections: connect(),
                asn: chance(0.5) ? 65515 : 65300 + h, nextHopIps: chance(0.5) ? [`10.${h}.0.100`, `10.${h}.0.101`] : []
            });
        }
        const rs = chance(0.85) ? `rs${h}` : undefined;
        const table = `rt${h}`;
        const udr = nvas.length > 0 && chance(0.3);
        const disable = chance(0.2);
        if (udr || disable) {
            routeTables.push({
                name: table, disableBgpRoutePropagation: disable,
                routes: udr ? [{ name: `default${h}`, prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHop: pick(nvas).name }] : []
            });
        }
        vnets.push({
            name: `hub${h}`, role: 'hub', addressSpace: [`10.${h}.0.0/16`],
            subnets: [{ name: 'nva', prefix: `10.${h}.1.0/24` }, { name: 'work', prefix: `10.${h}.2.0/24`, routeTable: udr || disable ? table : undefined }],
            routeServers: rs ? [{ name: rs, subnet: `10.${h}.0.0/26`, branchToBranch: chance(0.6), hubRoutingPreference: pick(PREFERENCES) }] : [],
            gateways, nvas, vms: [{ name: `vm${h}`, ip: `10.${h}.2.4` }]
        });
        nvasOf.push(nvas.map(n => n.name));
        rsOf.push(rs);
        for (let s = 0; s < int(0, 2); s++) {
            const spoke = `spoke${h}${s}`;
            vnets.push({ name: spoke, role: 'spoke', addressSpace: [`10.${10 * h + s}.0.0/16`], vms: [{ name: `vm${h}${s}`, ip: `10.${10 * h + s}.0.4` }] });
            const remote = chance(0.6);
            peerings.push({ from: spoke, to: `hub${h}`, useRemoteGateways: remote }, { from: `hub${h}`, to: spoke, allowGatewayTransit: remote });
        }
    }
    if (hubs === 2 && chance(0.5)) peerings.push({ from: 'hub1', to: 'hub2' }, { from: 'hub2', to: 'hub1' });
    // (v2) VNet-to-VNet between the two hubs' Vpn gateways, listed both ways or one way only.
    const vpn = vnets.flatMap(v => v.gateways ?? []).filter(g => g.type === 'Vpn');
    if (vpn.length === 2 && chance(0.6)) {
        vpn[0].connections = [...(vpn[0].connections ?? []), vpn[1].name];
        if (chance(0.8)) vpn[1].connections = [...(vpn[1].connections ?? []), vpn[0].name];
    }
    const options = (): Omit<SessionSpec, 'left' | 'right'> => ({
        asOverride: chance(0.4), asPathPrepend: chance(0.3) ? int(1, 2) : 0
    });
    const all = nvasOf.flat();
    nvasOf.forEach((nvas, i) => {
        for (const nva of nvas) {
            const own = rsOf[i];
            if (own && chance(0.8)) sessions.push({ left: nva, right: own, ...options() });
            const other = rsOf[1 - i];
            if (hubs === 2 && other && chance(0.3)) sessions.push({ left: nva, right: other, ...options() });
            for (const site of sites) if (site.asn !== undefined && chance(0.15)) sessions.push({ left: nva, right: site.name, ...options() });
        }
    });
    for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) if (chance(0.3)) sessions.push({ left: all[i], right: all[j], ...options() });
    }
    return { sites, vnets, peerings, sessions, routeTables };
}

/** Every name of a spec, in spec order. */
function namesOf(spec: TopologySpec): string[] {
    const names: string[] = [];
    for (const s of spec.sites ?? []) names.push(s.name);
    for (const v of spec.vnets ?? []) {
        names.push(v.name);
        for (const x of [...(v.subnets ?? []), ...(v.routeServers ?? []), ...(v.gateways ?? []), ...(v.nvas ?? []), ...(v.vms ?? [])]) names.push(x.name);
    }
    for (const t of spec.routeTables ?? []) {
        names.push(t.name);
        for (const r of t.routes ?? []) names.push(r.name);
    }
    return [...new Set(names)];
}

/** A random renaming: fresh names in an order unrelated to the old ones. */
export function randomNames(spec: TopologySpec, seed: number): Map<string, string> {
    const random = rng(seed * 7919 + 1);
    const names = namesOf(spec);
    const fresh = new Set<string>();
    while (fresh.size < names.length) fresh.add(`n${Math.floor(random() * 1e6).toString(36)}`);
    const list = [...fresh];
    return new Map(names.map((n, i) => [n, list[i]]));
}

/** The same network with every name replaced through `map`. */
export function renamed(spec: TopologySpec, map: ReadonlyMap<string, string>): TopologySpec {
    const r = (n: string) => map.get(n) ?? n;
    const maybe = (n: string | undefined) => n === undefined ? undefined : /^\d/.test(n) ? n : r(n);
    return {
        sites: spec.sites?.map(s => ({ ...s, name: r(s.name) })),
        vnets: spec.vnets?.map(v => ({
            ...v, name: r(v.name),
            subnets: v.subnets?.map(s => ({ ...s, name: r(s.name), routeTable: maybe(s.routeTable) })),
            routeServers: v.routeServers?.map(x => ({ ...x, name: r(x.name) })),
            gateways: v.gateways?.map(g => ({ ...g, name: r(g.name), connections: g.connections?.map(r) })),
            nvas: v.nvas?.map(n => ({ ...n, name: r(n.name) })),
            vms: v.vms?.map(m => ({ ...m, name: r(m.name) }))
        })),
        peerings: spec.peerings?.map(p => ({ ...p, from: r(p.from), to: r(p.to) })),
        sessions: spec.sessions?.map(s => ({ ...s, left: r(s.left), right: r(s.right) })),
        routeTables: spec.routeTables?.map(t => ({
            ...t, name: r(t.name), routes: t.routes?.map(x => ({ ...x, name: r(x.name), nextHop: maybe(x.nextHop) }))
        }))
    };
}

/** Every `bgp` statement written the other way round. */
export function swappedEnds(spec: TopologySpec): TopologySpec {
    return { ...spec, sessions: spec.sessions?.map(s => ({ ...s, left: s.right, right: s.left })) };
}

/** All three rewrites at once. */
export function rewritten(spec: TopologySpec, seed: number): { spec: TopologySpec; names: Map<string, string> } {
    const names = randomNames(spec, seed);
    return { spec: shuffled(swappedEnds(renamed(spec, names)), seed), names };
}

/**
 * Every subnet's route table, keyed and written with the original names (`names` maps original to
 * new; the identity when absent): what must not change under the rewrites.
 */
export function routeTables(result: RoutingResult, topology: T.Topology, names?: ReadonlyMap<string, string>): Record<string, string[]> {
    const back = new Map([...(names ?? new Map<string, string>())].map(([a, b]) => [b, a]));
    const original = (n: string) => back.get(n) ?? n;
    const out: Record<string, string[]> = {};
    for (const vnet of topology.vnets) {
        for (const subnet of [...vnet.subnets, vnet.defaultSubnet]) {
            out[`${original(vnet.name)}/${subnet.implicit ? 'default' : original(subnet.name)}`] =
                result.effectiveRoutes(subnet).map(r => rowText(r, original));
        }
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

function rowText(r: EffectiveRoute, original: (n: string) => string): string {
    return `${r.source} ${r.state} ${r.addressPrefix.text} ${r.nextHopType} ${r.nextHopIpAddress.join(',')} ${r.name === null ? '' : original(r.name)}`.trim();
}
