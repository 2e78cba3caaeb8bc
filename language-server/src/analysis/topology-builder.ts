import type { AstNode, LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { DEFAULTS } from '../model/defaults.js';
import { newSubnet } from '../model/new-subnet.js';
import { parseAddress, parsePrefix, containsAddress } from '../model/prefix.js';
import type * as T from '../model/topology.js';
import { lazy, propertyRefs, rangeOf } from '../references/source-refs.js';

/**
 * Builds the plain `Topology` from the documents of a workspace. The only place that reads the
 * AST for the analysis: every address is parsed here, references are resolved here, peerings are
 * paired and VMs/NVAs placed in their subnets. `nodeOf` maps each topology object back to its AST
 * node for the validator and the LSP services; nothing downstream needs Langium.
 */
export interface BuiltTopology {
    readonly topology: T.Topology;
    readonly nodeOf: ReadonlyMap<object, AstNode>;
    readonly elementOf: ReadonlyMap<AstNode, T.TopologyElement>;
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

export function buildTopology(documents: Iterable<LangiumDocument>): BuiltTopology {
    const docs = [...documents]
        .filter(d => ast.isModel(d.parseResult.value))
        .sort((a, b) => a.uri.toString() < b.uri.toString() ? -1 : a.uri.toString() > b.uri.toString() ? 1 : 0);
    const b = new Builder();
    for (const doc of docs) b.declare(doc);
    for (const doc of docs) b.connect(doc);
    return b.finish();
}

class Builder {
    private readonly nodeOf = new Map<object, AstNode>();
    private readonly elementOf = new Map<AstNode, T.TopologyElement>();
    private readonly sites: T.OnPremSite[] = [];
    private readonly vnets: T.VNet[] = [];
    private readonly peerings: Mutable<T.Peering>[] = [];
    private readonly sessions: T.BgpSession[] = [];
    private readonly routeTables: T.RouteTable[] = [];
    private readonly intents: Mutable<T.Intent>[] = [];
    private readonly byName = new Map<string, T.NamedTopologyElement>();
    private readonly pendingSubnetTables: Array<[Mutable<T.Subnet>, ast.Subnet]> = [];
    private readonly pendingIntents: Array<[Mutable<T.Intent>, ast.Intent]> = [];
    private readonly pendingRoutes: Array<[Mutable<T.UserRoute>, ast.Route]> = [];
    private readonly pendingGateways: Array<[Mutable<T.Gateway>, ast.Gateway]> = [];
    private uri = '';

    declare(doc: LangiumDocument): void {
        this.uri = doc.uri.toString();
        const model = doc.parseResult.value as ast.Model;
        for (const el of model.elements) {
            if (ast.isOnPrem(el)) this.site(el);
            else if (ast.isVNet(el)) this.vnet(el);
            else if (ast.isRouteTable(el)) this.routeTable(el);
            else if (ast.isIntent(el)) this.intent(el);
        }
    }

    connect(doc: LangiumDocument): void {
        this.uri = doc.uri.toString();
        const model = doc.parseResult.value as ast.Model;
        for (const el of model.elements) {
            if (ast.isPeering(el)) this.peering(el);
            else if (ast.isBgpSession(el)) this.session(el);
        }
    }

    finish(): BuiltTopology {
        for (const [subnet, node] of this.pendingSubnetTables) {
            const rt = node.routeTable?.ref;
            subnet.routeTable = rt ? this.elementOf.get(rt) as T.RouteTable | undefined : undefined;
        }
        for (const [route, node] of this.pendingRoutes) {
            const device = node.nextHop?.ref ? this.elementOf.get(node.nextHop.ref) : undefined;
            if (device?.kind === 'nva' || device?.kind === 'firewall') {
                if (device.kind === 'nva') route.nextHopNva = device;
                else route.nextHopFirewall = device;
                route.nextHopIp = device.ip;
                route.nextHopIpText = device.ipText;
            }
        }
        for (const [gw, node] of this.pendingGateways) {
            const targets = node.connections.map(c => c?.ref && this.elementOf.get(c.ref));
            gw.connections = targets.filter((s): s is T.OnPremSite => s?.kind === 'onprem');
            gw.vnetConnections = targets.filter((g): g is T.Gateway => g?.kind === 'gateway');
            gw.connectionsWritten = targets.map(t => t?.kind === 'onprem' || t?.kind === 'gateway' ? t : undefined);
            const rt = node.routeTable?.ref;
            gw.routeTable = rt ? this.elementOf.get(rt) as T.RouteTable | undefined : undefined;
            (gw.gatewaySubnet as Mutable<T.Subnet>).routeTable = gw.routeTable;
        }
        for (const [intent, node] of this.pendingIntents) {
            intent.from = this.intentEnd(node.from?.ref);
            intent.to = node.toAddress !== undefined ? intentAddress(node.toAddress) : this.intentEnd(node.to?.ref);
            intent.via = node.via
                .map(v => v?.ref && this.elementOf.get(v.ref))
                .filter((d): d is T.Nva | T.Firewall => d?.kind === 'nva' || d?.kind === 'firewall');
        }
        // Pair peerings: a -> b is Connected when b -> a exists (the first of each direction).
        const firstByPair = new Map<string, Mutable<T.Peering>>();
        for (const p of this.peerings) {
            const key = `${p.from.name}\u0000${p.to.name}`;
            if (!firstByPair.has(key)) firstByPair.set(key, p);
        }
        for (const p of this.peerings) {
            const reverse = firstByPair.get(`${p.to.name}\u0000${p.from.name}`);
            if (reverse && p.from !== p.to) {
                p.state = 'Connected';
                p.reverse = reverse;
            }
        }
        return {
            topology: {
                sites: this.sites, vnets: this.vnets, peerings: this.peerings, sessions: this.sessions,
                routeTables: this.routeTables, intents: this.intents, byName: this.byName
            },
            nodeOf: this.nodeOf,
            elementOf: this.elementOf
        };
    }

    private register<E extends T.TopologyElement>(el: E, node: AstNode): E {
        this.nodeOf.set(el, node);
        this.elementOf.set(node, el);
        if ('name' in el && el.kind !== 'subnet' && el.kind !== 'route' && el.kind !== 'nic' && !this.byName.has(el.name)) {
            this.byName.set(el.name, el as never);
        }
        return el;
    }

    private site(node: ast.OnPrem): void {
        this.sites.push(this.register({
            kind: 'onprem', name: nameOf(node), asn: node.asn,
            prefixes: validPrefixes(node.prefixes),
            source: this.ref(node), refs: this.lazyRefs(node, ['name', 'asn', 'prefixes'], 'prefixes', node.prefixes)
        }, node));
    }

    private vnet(node: ast.VNet): void {
        const vnet: Mutable<T.VNet> = {
            kind: 'vnet', name: nameOf(node), role: node.role as T.VNetRole,
            addressSpace: validPrefixes(node.addressSpace), region: node.region,
            subnets: [], defaultSubnet: undefined as unknown as T.Subnet,
            routeServers: [], gateways: [], nvas: [], vms: [], firewalls: [],
            source: this.ref(node), refs: this.lazyRefs(node, ['name', 'addressSpace', 'region'], 'addressSpace', node.addressSpace)
        };
        this.vnets.push(this.register(vnet, node));
        const subnets: Mutable<T.Subnet>[] = node.subnets.map(s => {
            const subnet = newSubnet(vnet, nameOf(s), validPrefix(s.prefix), this.ref(s), this.lazyRefs(s, ['name', 'prefix', 'routeTable']));
            this.pendingSubnetTables.push([subnet, s]);
            return this.register(subnet, s);
        });
        const defaultSubnet = newSubnet(vnet, 'default', undefined, vnet.source, {}, { implicit: true });
        vnet.subnets = subnets;
        vnet.defaultSubnet = defaultSubnet;
        const place = (ip: number | undefined): Mutable<T.Subnet> =>
            (ip === undefined ? undefined : subnets.find(s => s.prefix && containsAddress(s.prefix, ip))) ?? defaultSubnet;

        vnet.routeServers = node.routeServers.map(rs => this.register<T.RouteServer>({
            kind: 'routeServer', name: nameOf(rs), vnet, subnet: validPrefix(rs.subnet),
            branchToBranch: rs.branchToBranch ?? DEFAULTS.branchToBranch,
            hubRoutingPreference: (rs.hubRoutingPreference ?? DEFAULTS.hubRoutingPreference) as T.HubRoutingPreference,
            source: this.ref(rs), refs: this.lazyRefs(rs, ['name', 'subnet', 'branchToBranch', 'hubRoutingPreference'])
        }, rs));
        vnet.gateways = node.gateways.map(g => {
            const type = (g.type ?? DEFAULTS.gatewayType) as T.GatewayType;
            const nextHopIps = g.nextHopIps.map(address).filter((a): a is { value: number; text: string } => a.value !== undefined);
            const source = this.ref(g);
            const refs = this.lazyRefs(g, ['name', 'type', 'subnet', 'connections', 'asn', 'activeActive', 'nextHopIps', 'routeTable']);
            const gw: Mutable<T.Gateway> = {
                kind: 'gateway', name: nameOf(g), vnet, type, subnet: validPrefix(g.subnet), connections: [], vnetConnections: [], connectionsWritten: [],
                asn: type === 'Vpn' ? (g.asn ?? DEFAULTS.gatewayAsn) : DEFAULTS.gatewayAsn,
                activeActive: type === 'Vpn' ? (g.activeActive ?? DEFAULTS.activeActive) : true,
                nextHopIps: nextHopIps.map(a => a.value), nextHopIpTexts: nextHopIps.map(a => a.text),
                routeTable: undefined,
                gatewaySubnet: newSubnet(vnet, 'GatewaySubnet', validPrefix(g.subnet), source, specialSubnetRefs(refs, 'subnet'), { special: 'GatewaySubnet' }),
                source, refs
            };
            this.pendingGateways.push([gw, g]);
            return this.register(gw, g);
        });
        vnet.nvas = node.nvas.map(n => {
            const ip = address(n.ip);
            const source = this.ref(n);
            const refs = this.lazyRefs(n, ['name', 'ip', 'asn', 'advertises', 'nextHop', 'state', 'stateful'], 'advertises', n.advertises);
            const nva: Mutable<T.Nva> = {
                kind: 'nva', name: nameOf(n), vnet, subnet: defaultSubnet, ip: undefined, ipText: undefined, nics: [], asn: n.asn,
                advertises: validPrefixes(n.advertises), nextHop: undefined, nextHopText: undefined,
                state: (n.state ?? DEFAULTS.nvaState) as 'up' | 'down',
                stateful: n.stateful ?? DEFAULTS.nvaStateful,
                source, refs
            };
            this.register(nva, n);
            // An NVA written with `ip:` (or with neither `ip:` nor `nic` blocks) has one NIC named after it.
            const nics: T.Nic[] = [];
            const addNic = (name: string, ipOf: { value: number | undefined; text: string | undefined }, nicSource: T.SourceRef, nicRefs: T.PropertyRefs, nicNode: ast.Nic | undefined) => {
                const subnet = place(ipOf.value);
                const nic: T.Nic = {
                    kind: 'nic', name, owner: nva, vnet, subnet, ip: ipOf.value, ipText: ipOf.text,
                    primary: nics.length === 0, source: nicSource, refs: nicRefs
                };
                if (nicNode) this.register(nic, nicNode);
                else this.nodeOf.set(nic, n);
                nics.push(nic);
                (subnet.nics as T.Nic[]).push(nic);
            };
            if (n.ip !== undefined || n.nics.length === 0) addNic(nva.name, ip, source, refs, undefined);
            for (const nicNode of n.nics) addNic(nameOf(nicNode), address(nicNode.ip), this.ref(nicNode), this.lazyRefs(nicNode, ['name', 'ip']), nicNode);
            const first = nics[0];
            nva.nics = nics;
            nva.subnet = first.subnet;
            nva.ip = first.ip;
            nva.ipText = first.ipText;
            const nextHop = n.nextHop !== undefined ? address(n.nextHop) : { value: first.ip, text: first.ipText };
            nva.nextHop = nextHop.value;
            nva.nextHopText = nextHop.text;
            (first.subnet.nvas as T.Nva[]).push(nva);
            return nva;
        });
        vnet.vms = node.vms.map(v => {
            const ip = address(v.ip);
            const subnet = place(ip.value);
            const vm = this.register<T.Vm>({
                kind: 'vm', name: nameOf(v), vnet, subnet, ip: ip.value, ipText: ip.text,
                source: this.ref(v), refs: this.lazyRefs(v, ['name', 'ip'])
            }, v);
            (subnet.vms as T.Vm[]).push(vm);
            return vm;
        });
        vnet.firewalls = node.firewalls.map(f => {
            const ip = address(f.ip);
            const source = this.ref(f);
            const refs = this.lazyRefs(f, ['name', 'subnet', 'ip']);
            const subnet = newSubnet(vnet, 'AzureFirewallSubnet', validPrefix(f.subnet), source, specialSubnetRefs(refs, 'subnet'), { special: 'AzureFirewallSubnet' });
            const firewall = this.register<T.Firewall>({
                kind: 'firewall', name: nameOf(f), vnet, subnet, ip: ip.value, ipText: ip.text, stateful: true, source, refs
            }, f);
            subnet.firewalls = [firewall];
            return firewall;
        });
    }

    private intent(node: ast.Intent): void {
        const intent: Mutable<T.Intent> = {
            kind: 'intent', name: nameOf(node), from: undefined, to: undefined, via: [],
            reachable: node.reachable ?? DEFAULTS.reachable,
            source: this.ref(node), refs: this.lazyRefs(node, ['name', 'from', 'to', 'toAddress', 'via', 'reachable'])
        };
        this.pendingIntents.push([intent, node]);
        this.intents.push(this.register(intent, node));
    }

    private intentEnd(node: AstNode | undefined): T.IntentEnd | undefined {
        const el = node && this.elementOf.get(node);
        switch (el?.kind) {
            case 'vm': case 'nva': case 'firewall': case 'subnet': case 'vnet': case 'onprem':
                return el;
            default:
                return undefined;
        }
    }

    private routeTable(node: ast.RouteTable): void {
        const table: Mutable<T.RouteTable> = {
            kind: 'routeTable', name: nameOf(node),
            disableBgpRoutePropagation: node.disableBgpRoutePropagation ?? DEFAULTS.disableBgpRoutePropagation, routes: [],
            source: this.ref(node), refs: this.lazyRefs(node, ['name', 'disableBgpRoutePropagation'])
        };
        table.routes = node.routes.map(r => {
            const ip = r.nextHopIp !== undefined ? address(r.nextHopIp) : { value: undefined, text: undefined };
            const route: Mutable<T.UserRoute> = {
                kind: 'route', name: nameOf(r), table, prefix: validPrefix(r.prefix),
                nextHopType: r.nextHopType as T.NextHopType | undefined, nextHopNva: undefined, nextHopFirewall: undefined,
                nextHopIp: ip.value, nextHopIpText: ip.text,
                source: this.ref(r), refs: this.lazyRefs(r, ['name', 'prefix', 'nextHopType', 'nextHop', 'nextHopIp'])
            };
            this.pendingRoutes.push([route, r]);
            return this.register(route, r);
        });
        this.routeTables.push(this.register(table, node));
    }

    private peering(node: ast.Peering): void {
        const from = node.from?.ref && this.elementOf.get(node.from?.ref);
        const to = node.to?.ref && this.elementOf.get(node.to?.ref);
        if (from?.kind !== 'vnet' || to?.kind !== 'vnet') return;
        this.peerings.push(this.register<Mutable<T.Peering>>({
            kind: 'peering', from, to,
            allowVirtualNetworkAccess: node.allowVirtualNetworkAccess ?? DEFAULTS.allowVirtualNetworkAccess,
            allowForwardedTraffic: node.allowForwardedTraffic ?? DEFAULTS.allowForwardedTraffic,
            useRemoteGateways: node.useRemoteGateways ?? DEFAULTS.useRemoteGateways,
            allowGatewayTransit: node.allowGatewayTransit ?? DEFAULTS.allowGatewayTransit,
            state: 'Initiated', reverse: undefined, index: this.peerings.length,
            source: this.ref(node),
            refs: this.lazyRefs(node, ['name', 'from', 'to', 'allowVirtualNetworkAccess', 'allowForwardedTraffic', 'useRemoteGateways', 'allowGatewayTransit'])
        }, node));
    }

    private session(node: ast.BgpSession): void {
        const left = node.left?.ref && this.elementOf.get(node.left?.ref);
        const right = node.right?.ref && this.elementOf.get(node.right?.ref);
        if (!isEndpoint(left) || !isEndpoint(right)) return;
        const nva = left.kind === 'nva' ? left : right.kind === 'nva' ? right : undefined;
        const peer = nva ? (nva === left ? right : left) : undefined;
        this.sessions.push(this.register<T.BgpSession>({
            kind: 'bgp', left, right, nva, peer,
            asOverride: node.asOverride ?? DEFAULTS.asOverride,
            asPathPrepend: node.asPathPrepend ?? DEFAULTS.asPathPrepend,
            multihop: node.multihop ?? DEFAULTS.multihop,
            instances: node.instances ?? DEFAULTS.instances,
            peerAsn: node.peerAsn ?? nva?.asn,
            peerAsnWritten: node.peerAsn !== undefined,
            index: this.sessions.length,
            source: this.ref(node),
            refs: this.lazyRefs(node, ['name', 'left', 'right', 'asOverride', 'asPathPrepend', 'multihop', 'instances', 'peerAsn'])
        }, node));
    }

    private ref(node: AstNode): T.SourceRef {
        return { uri: this.uri, range: rangeOf(node.$cstNode) };
    }

    /**
     * Where each written property of an element is, computed when first asked for: only elements
     * that draw a finding need it, and computing it for every element was a large share of an
     * analysis. It reads the syntax tree of the build that made this topology; after an edit (which
     * may re-parse part of that tree in place, element-reparse.ts) a new analysis replaces it.
     */
    private lazyRefs(node: AstNode, properties: string[], alignedProperty?: string, texts?: readonly string[]): T.PropertyRefs {
        const uri = this.uri;
        return lazy(() => {
            const refs = propertyRefs(uri, node, properties);
            return alignedProperty ? aligned(refs, alignedProperty, texts!) : refs;
        });
    }
}

/** A special subnet's refs: its `prefix` is where the gateway's or firewall's `subnet` was written. */
function specialSubnetRefs(owner: T.PropertyRefs, prefixProperty: string): T.PropertyRefs {
    return lazy(() => ({ name: owner['name'], prefix: owner[prefixProperty], routeTable: owner['routeTable'] }));
}

function intentAddress(text: string): T.IntentAddress | undefined {
    const parsed = parseAddress(text);
    return parsed.ok ? { kind: 'address', address: parsed.address, text } : undefined;
}

/**
 * The element's name, or '' when the parser recovered from a missing one (the syntax error is
 * reported): the AST types say `name: string`, but error recovery leaves it undefined, and every
 * consumer of the topology (messages, hovers, the diagram's layout) reads it as a string.
 */
function nameOf(node: { name?: string }): string {
    return node.name ?? '';
}

/** List items of the topology keep only valid prefixes: align their refs with them. */
function aligned(refs: T.PropertyRefs, property: string, texts: readonly string[]): T.PropertyRefs {
    const ref = refs[property];
    if (!ref) return refs;
    const items = ref.items.filter((_, i) => texts[i] !== undefined && validPrefix(texts[i]) !== undefined);
    return { ...refs, [property]: { ...ref, items } };
}

function isEndpoint(el: T.TopologyElement | undefined): el is T.BgpEndpoint {
    return el?.kind === 'nva' || el?.kind === 'routeServer' || el?.kind === 'gateway' || el?.kind === 'onprem';
}

function validPrefix(text: string | undefined): T.Prefix | undefined {
    if (text === undefined) return undefined;
    const parsed = parsePrefix(text);
    // A prefix with host bits set is an error (prefix-host-bits) but its network is unambiguous.
    return parsed.ok ? parsed.prefix : parsed.reason === 'host-bits' ? parsed.normalized : undefined;
}

function validPrefixes(texts: readonly string[]): T.Prefix[] {
    return texts.map(validPrefix).filter((p): p is T.Prefix => p !== undefined);
}

function address(text: string | undefined): { value: number | undefined; text: string | undefined } {
    if (text === undefined) return { value: undefined, text: undefined };
    const parsed = parseAddress(text);
    return parsed.ok ? { value: parsed.address, text } : { value: undefined, text: undefined };
}
