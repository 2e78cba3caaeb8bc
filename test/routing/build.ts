/**
 * Builds plain `Topology` objects for the route engine's tests, without the parser: a spec that
 * reads like an `.azrs` file, resolved the way analysis/topology-builder.ts resolves the AST (defaults,
 * subnet placement, Connected peerings, file-order indexes).
 */
import { DEFAULTS } from '../../language-server/src/model/defaults.js';
import { newSubnet } from '../../language-server/src/model/new-subnet.js';
import { parseAddress, parsePrefix } from '../../language-server/src/model/prefix.js';
import type * as T from '../../language-server/src/model/topology.js';
import type { EffectiveRoute, RoutingResult } from '../../language-server/src/routing/index.js';

export interface SiteSpec { name: string; asn?: number; prefixes?: string[] }
export interface SubnetSpec { name: string; prefix: string; routeTable?: string }
export interface RouteServerSpec { name: string; subnet?: string; branchToBranch?: boolean; hubRoutingPreference?: T.HubRoutingPreference }
/** `connections` name onprem sites and (v2) other gateways; `routeTable` is the GatewaySubnet's. */
export interface GatewaySpec {
    name: string; type?: T.GatewayType; subnet?: string; connections?: string[]; asn?: number; activeActive?: boolean;
    nextHopIps?: string[]; routeTable?: string;
}
/** `ip` (one NIC named after the NVA) or (v2) `nics` (several; with both, the `ip` NIC first). */
export interface NvaSpec {
    name: string; ip?: string; nics?: NicSpec[]; asn?: number; advertises?: string[]; nextHop?: string; state?: 'up' | 'down';
    stateful?: boolean;
}
export interface NicSpec { name: string; ip: string }
export interface FirewallSpec { name: string; subnet: string; ip: string }
export interface VmSpec { name: string; ip: string }
/** `from`/`to`: an element's name (a VM, NVA, firewall, VNet or site), `VNET/SUBNET`, or (for `to`) an address. */
export interface IntentSpec { name: string; from: string; to: string; via?: string[]; reachable?: boolean }
export interface VNetSpec {
    name: string;
    role?: T.VNetRole;
    addressSpace: string[];
    region?: string;
    subnets?: SubnetSpec[];
    routeServers?: RouteServerSpec[];
    gateways?: GatewaySpec[];
    nvas?: NvaSpec[];
    vms?: VmSpec[];
    firewalls?: FirewallSpec[];
}
export interface PeeringSpec {
    from: string; to: string;
    allowVirtualNetworkAccess?: boolean; allowForwardedTraffic?: boolean; useRemoteGateways?: boolean; allowGatewayTransit?: boolean;
}
export interface SessionSpec { left: string; right: string; asOverride?: boolean; asPathPrepend?: number; multihop?: boolean; instances?: number; peerAsn?: number }
export interface UserRouteSpec { name: string; prefix: string; nextHopType: T.NextHopType; nextHop?: string }
export interface RouteTableSpec { name: string; disableBgpRoutePropagation?: boolean; routes?: UserRouteSpec[] }

export interface TopologySpec {
    sites?: SiteSpec[];
    vnets?: VNetSpec[];
    peerings?: PeeringSpec[];
    sessions?: SessionSpec[];
    routeTables?: RouteTableSpec[];
    intents?: IntentSpec[];
}

type Flags = Omit<PeeringSpec, 'from' | 'to'>;

/** Both directions of a peering, so it is Connected. */
export function peer(a: string, b: string, aToB: Flags = {}, bToA: Flags = {}): PeeringSpec[] {
    return [{ from: a, to: b, ...aToB }, { from: b, to: a, ...bToA }];
}

/** A spoke that uses the hub's gateway or route server (PROP-1). */
export function spokeOf(spoke: string, hub: string): PeeringSpec[] {
    return peer(spoke, hub, { useRemoteGateways: true, allowForwardedTraffic: true }, { allowGatewayTransit: true });
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

const NO_SOURCE: T.SourceRef = { uri: 'memory:///test.azrs', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

function prefix(text: string): T.Prefix {
    const p = parsePrefix(text);
    if (!p.ok) throw new Error(p.message);
    return p.prefix;
}

function address(text: string): number {
    const a = parseAddress(text);
    if (!a.ok) throw new Error(a.message);
    return a.address;
}

export function build(spec: TopologySpec): T.Topology {
    const byName = new Map<string, T.NamedTopologyElement>();
    const register = <E extends T.NamedTopologyElement>(e: E): E => {
        if (!byName.has(e.name)) byName.set(e.name, e);
        return e;
    };
    const sites: T.OnPremSite[] = (spec.sites ?? []).map(s => register({
        kind: 'onprem', name: s.name, asn: s.asn, prefixes: (s.prefixes ?? []).map(prefix), source: NO_SOURCE, refs: {}
    }));
    const routeTables: Array<Mutable<T.RouteTable>> = (spec.routeTables ?? []).map(rt => register({
        kind: 'routeTable', name: rt.name, disableBgpRoutePropagation: rt.disableBgpRoutePropagation ?? DEFAULTS.disableBgpRoutePropagation,
        routes: [], source: NO_SOURCE, refs: {}
    } as Mutable<T.RouteTable>));
    const table = (name: string | undefined) => {
        if (name === undefined) return undefined;
        const rt = routeTables.find(t => t.name === name);
        if (!rt) throw new Error(`unknown route table ${name}`);
        return rt;
    };
    const pendingGateways: Array<[Mutable<T.Gateway>, string[]]> = [];
    const vnets: T.VNet[] = (spec.vnets ?? []).map(v => {
        const vnet: Mutable<T.VNet> = {
            kind: 'vnet', name: v.name, role: v.role ?? 'vnet', addressSpace: v.addressSpace.map(prefix), region: v.region,
            subnets: [], defaultSubnet: undefined as unknown as T.Subnet, routeServers: [], gateways: [], nvas: [], vms: [], firewalls: [],
            source: NO_SOURCE, refs: {}
        };
        register(vnet);
        const subnets = (v.subnets ?? []).map(s => {
            const subnet = newSubnet(vnet, s.name, prefix(s.prefix), NO_SOURCE, {});
            subnet.routeTable = table(s.routeTable);
            return subnet;
        });
        const defaultSubnet = newSubnet(vnet, 'default', undefined, NO_SOURCE, {}, { implicit: true });
        vnet.subnets = subnets;
        vnet.defaultSubnet = defaultSubnet;
        const place = (ip: number) => subnets.find(s => s.prefix && ip >= s.prefix.first && ip <= s.prefix.last) ?? defaultSubnet;
        vnet.routeServers = (v.routeServers ?? []).map(rs => register<T.RouteServer>({
            kind: 'routeServer', name: rs.name, vnet, subnet: rs.subnet ? prefix(rs.subnet) : undefined,
            branchToBranch: rs.branchToBranch ?? DEFAULTS.branchToBranch, hubRoutingPreference: rs.hubRoutingPreference ?? DEFAULTS.hubRoutingPreference,
            source: NO_SOURCE, refs: {}
        }));
        vnet.gateways = (v.gateways ?? []).map(g => {
            const type = g.type ?? DEFAULTS.gatewayType;
            const subnetPrefix = g.subnet ? prefix(g.subnet) : undefined;
            const gatewaySubnet = newSubnet(vnet, 'GatewaySubnet', subnetPrefix, NO_SOURCE, {}, { special: 'GatewaySubnet' });
            gatewaySubnet.routeTable = table(g.routeTable);
            const gw: Mutable<T.Gateway> = {
                kind: 'gateway', name: g.name, vnet, type, subnet: subnetPrefix, connections: [], vnetConnections: [], connectionsWritten: [],
                asn: type === 'Vpn' ? (g.asn ?? DEFAULTS.gatewayAsn) : DEFAULTS.gatewayAsn,
                activeActive: type === 'Vpn' ? (g.activeActive ?? DEFAULTS.activeActive) : true,
                nextHopIps: (g.nextHopIps ?? []).map(address), nextHopIpTexts: g.nextHopIps ?? [],
                routeTable: gatewaySubnet.routeTable, gatewaySubnet,
                source: NO_SOURCE, refs: {}
            };
            pendingGateways.push([gw, g.connections ?? []]);
            return register(gw);
        });
        vnet.nvas = (v.nvas ?? []).map(n => {
            const nva: Mutable<T.Nva> = {
                kind: 'nva', name: n.name, vnet, subnet: defaultSubnet, ip: undefined, ipText: undefined, nics: [], asn: n.asn,
                advertises: (n.advertises ?? []).map(prefix), nextHop: undefined, nextHopText: undefined,
                state: n.state ?? DEFAULTS.nvaState, stateful: n.stateful ?? DEFAULTS.nvaStateful, source: NO_SOURCE, refs: {}
            };
            register(nva);
            const written = [...(n.ip !== undefined ? [{ name: n.name, ip: n.ip }] : []), ...(n.nics ?? [])];
            if (written.length === 0) throw new Error(`nva ${n.name} has neither ip nor nics`);
            nva.nics = written.map((c, i) => {
                const ip = address(c.ip);
                const subnet = place(ip);
                const nic: T.Nic = { kind: 'nic', name: c.name, owner: nva, vnet, subnet, ip, ipText: c.ip, primary: i === 0, source: NO_SOURCE, refs: {} };
                subnet.nics = [...subnet.nics, nic];
                return nic;
            });
            const first = nva.nics[0];
            nva.subnet = first.subnet;
            nva.ip = first.ip;
            nva.ipText = first.ipText;
            nva.nextHop = n.nextHop !== undefined ? address(n.nextHop) : first.ip;
            nva.nextHopText = n.nextHop ?? first.ipText;
            const subnet = first.subnet as Mutable<T.Subnet>;
            subnet.nvas = [...subnet.nvas, nva];
            return nva;
        });
        vnet.vms = (v.vms ?? []).map(m => {
            const ip = address(m.ip);
            const subnet = place(ip);
            const vm = register<T.Vm>({ kind: 'vm', name: m.name, vnet, subnet, ip, ipText: m.ip, source: NO_SOURCE, refs: {} });
            subnet.vms = [...subnet.vms, vm];
            return vm;
        });
        vnet.firewalls = (v.firewalls ?? []).map(f => {
            const subnet = newSubnet(vnet, 'AzureFirewallSubnet', prefix(f.subnet), NO_SOURCE, {}, { special: 'AzureFirewallSubnet' });
            const firewall = register<T.Firewall>({
                kind: 'firewall', name: f.name, vnet, subnet, ip: address(f.ip), ipText: f.ip, stateful: true, source: NO_SOURCE, refs: {}
            });
            subnet.firewalls = [firewall];
            return firewall;
        });
        return vnet;
    });
    for (const [gw, names] of pendingGateways) {
        const targets = names.map(n => {
            const target = byName.get(n);
            if (target?.kind !== 'onprem' && target?.kind !== 'gateway') throw new Error(`unknown site or gateway ${n}`);
            return target;
        });
        gw.connections = targets.filter((t): t is T.OnPremSite => t.kind === 'onprem');
        gw.vnetConnections = targets.filter((t): t is T.Gateway => t.kind === 'gateway');
        gw.connectionsWritten = targets;
    }
    (spec.routeTables ?? []).forEach((rt, i) => {
        const table = routeTables[i];
        table.routes = (rt.routes ?? []).map(r => {
            const named = r.nextHop !== undefined ? byName.get(r.nextHop) : undefined;
            const device = named?.kind === 'nva' || named?.kind === 'firewall' ? named : undefined;
            const ip = device ? device.ip : r.nextHop !== undefined && /^\d/.test(r.nextHop) ? address(r.nextHop) : undefined;
            return {
                kind: 'route', name: r.name, table, prefix: prefix(r.prefix), nextHopType: r.nextHopType,
                nextHopNva: device?.kind === 'nva' ? device : undefined,
                nextHopFirewall: device?.kind === 'firewall' ? device : undefined,
                nextHopIp: ip,
                nextHopIpText: ip === undefined ? undefined : device ? device.ipText : r.nextHop,
                source: NO_SOURCE, refs: {}
            } satisfies T.UserRoute;
        });
    });
    const vnetByName = (n: string) => {
        const v = byName.get(n);
        if (v?.kind !== 'vnet') throw new Error(`unknown vnet ${n}`);
        return v;
    };
    const peerings: Array<Mutable<T.Peering>> = (spec.peerings ?? []).map((p, index) => ({
        kind: 'peering', from: vnetByName(p.from), to: vnetByName(p.to),
        allowVirtualNetworkAccess: p.allowVirtualNetworkAccess ?? DEFAULTS.allowVirtualNetworkAccess,
        allowForwardedTraffic: p.allowForwardedTraffic ?? DEFAULTS.allowForwardedTraffic,
        useRemoteGateways: p.useRemoteGateways ?? DEFAULTS.useRemoteGateways, allowGatewayTransit: p.allowGatewayTransit ?? DEFAULTS.allowGatewayTransit,
        state: 'Initiated', reverse: undefined, index, source: NO_SOURCE, refs: {}
    }));
    const firstByPair = new Map<string, Mutable<T.Peering>>();
    for (const p of peerings) {
        const key = `${p.from.name}\u0000${p.to.name}`;
        if (!firstByPair.has(key)) firstByPair.set(key, p);
    }
    for (const p of peerings) {
        const reverse = firstByPair.get(`${p.to.name}\u0000${p.from.name}`);
        if (reverse && p.from !== p.to) {
            p.state = 'Connected';
            p.reverse = reverse;
        }
    }
    const endpoint = (n: string): T.BgpEndpoint => {
        const e = byName.get(n);
        if (e?.kind === 'nva' || e?.kind === 'routeServer' || e?.kind === 'gateway' || e?.kind === 'onprem') return e;
        throw new Error(`unknown bgp endpoint ${n}`);
    };
    const sessions: T.BgpSession[] = (spec.sessions ?? []).map((s, index) => {
        const left = endpoint(s.left);
        const right = endpoint(s.right);
        const nva = left.kind === 'nva' ? left : right.kind === 'nva' ? right : undefined;
        return {
            kind: 'bgp', left, right, nva, peer: nva ? (nva === left ? right : left) : undefined,
            asOverride: s.asOverride ?? DEFAULTS.asOverride, asPathPrepend: s.asPathPrepend ?? DEFAULTS.asPathPrepend,
            multihop: s.multihop ?? DEFAULTS.multihop, instances: s.instances ?? DEFAULTS.instances,
            peerAsn: s.peerAsn ?? nva?.asn, peerAsnWritten: s.peerAsn !== undefined,
            index, source: NO_SOURCE, refs: {}
        };
    });
    const intentEnd = (text: string, address_allowed: boolean): T.IntentEnd => {
        if (address_allowed && /^\d/.test(text)) return { kind: 'address', address: address(text), text };
        if (text.includes('/')) {
            const [vnetName, subnetName] = text.split('/');
            const subnet = vnetByName(vnetName).subnets.find(s => s.name === subnetName);
            if (!subnet) throw new Error(`unknown subnet ${text}`);
            return subnet;
        }
        const e = byName.get(text);
        if (e?.kind === 'vm' || e?.kind === 'nva' || e?.kind === 'firewall' || e?.kind === 'vnet' || e?.kind === 'onprem') return e;
        throw new Error(`unknown intent end ${text}`);
    };
    const intents: T.Intent[] = (spec.intents ?? []).map(i => register<T.Intent>({
        kind: 'intent', name: i.name, from: intentEnd(i.from, false), to: intentEnd(i.to, true),
        via: (i.via ?? []).map(n => {
            const d = byName.get(n);
            if (d?.kind !== 'nva' && d?.kind !== 'firewall') throw new Error(`unknown via device ${n}`);
            return d;
        }),
        reachable: i.reachable ?? DEFAULTS.reachable, source: NO_SOURCE, refs: {}
    }));
    return { sites, vnets, peerings, sessions, routeTables, intents, byName };
}

/** A seeded permutation of every list in the spec: the same network written in another order. */
export function shuffled(spec: TopologySpec, seed: number): TopologySpec {
    let state = seed >>> 0 || 1;
    const random = () => {
        state ^= state << 13; state >>>= 0;
        state ^= state >>> 17;
        state ^= state << 5; state >>>= 0;
        return state / 2 ** 32;
    };
    const mix = <X>(xs: readonly X[] | undefined): X[] | undefined => {
        if (!xs) return undefined;
        const out = [...xs];
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    };
    return {
        sites: mix(spec.sites?.map(s => ({ ...s, prefixes: mix(s.prefixes) }))),
        vnets: mix(spec.vnets?.map(v => ({
            ...v, addressSpace: mix(v.addressSpace)!, subnets: mix(v.subnets), routeServers: mix(v.routeServers),
            gateways: mix(v.gateways?.map(g => ({ ...g, connections: mix(g.connections) }))),
            nvas: mix(v.nvas?.map(n => ({ ...n, advertises: mix(n.advertises) }))), vms: mix(v.vms), firewalls: mix(v.firewalls)
        }))),
        peerings: mix(spec.peerings),
        sessions: mix(spec.sessions),
        routeTables: mix(spec.routeTables?.map(t => ({ ...t, routes: mix(t.routes) }))),
        intents: mix(spec.intents)
    };
}

// ---- What a user sees -------------------------------------------------------------------------

/** One row the way the portal lists it: `Source State Prefix NextHopType [IPs]`. */
export function row(r: EffectiveRoute): string {
    return [r.source, r.state, r.addressPrefix.text, r.nextHopType, ...r.nextHopIpAddress].join(' ');
}

/** The subnet of a VM, an NVA (its first NIC), a firewall, or (v2) an NVA's NIC written `NVA/NIC`. */
export function subnetOf(topology: T.Topology, vmOrNva: string): T.Subnet {
    const [name, nicName] = vmOrNva.split('/');
    const el = topology.byName.get(name);
    if (nicName !== undefined && el?.kind === 'nva') {
        const nic = el.nics.find(n => n.name === nicName);
        if (!nic) throw new Error(`no nic ${vmOrNva}`);
        return nic.subnet;
    }
    if (el?.kind !== 'vm' && el?.kind !== 'nva' && el?.kind !== 'firewall') throw new Error(`no vm, nva or firewall ${vmOrNva}`);
    return el.subnet;
}

/** The effective route table of a VM's (or NVA's) subnet, one string per row. */
export function routesOf(result: RoutingResult, topology: T.Topology, vmOrNva: string): string[] {
    return result.effectiveRoutes(subnetOf(topology, vmOrNva)).map(row);
}

/** The Default None rows every VNet outside the reserved blocks gets (ER-SYS-DEFAULT). */
export const NONE_ROWS = {
    ten: 'Default Active 10.0.0.0/8 None',
    cgnat: 'Default Active 100.64.0.0/10 None',
    private172: 'Default Active 172.16.0.0/12 None',
    private192: 'Default Active 192.168.0.0/16 None'
} as const;

export function el<K extends T.TopologyElement['kind']>(topology: T.Topology, name: string, kind: K): Extract<T.TopologyElement, { kind: K }> {
    const e = topology.byName.get(name);
    if (!e || e.kind !== kind) throw new Error(`no ${kind} ${name}`);
    return e as Extract<T.TopologyElement, { kind: K }>;
}
