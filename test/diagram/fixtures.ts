import { newSubnet } from '../../language-server/src/model/new-subnet.js';
import { parseAddress, parsePrefix } from '../../language-server/src/model/prefix.js';
import type {
    BgpEndpoint, BgpSession, Gateway, Nva, OnPremSite, Peering, Prefix, RouteServer, SourceRef, Subnet, Topology, VNet, VNetRole, Vm
} from '../../language-server/src/model/topology.js';
import type { RouteFlowSource } from '../../language-server/src/diagram/flow-source.js';

/**
 * Hand-built topologies for the diagram tests: the diagram reads only the plain `Topology`, so
 * the tests do not depend on the parser. Each element gets its own source line in `file:///t.azrs`.
 */
type Mutable<X> = { -readonly [K in keyof X]: X[K] };

export const URI = 'file:///work/t.azrs';
let line = 0;
function src(lines = 1): SourceRef {
    const start = line;
    line += lines;
    return { uri: URI, range: { start: { line: start, character: 0 }, end: { line: start + lines - 1, character: 40 } } };
}

function prefix(text: string): Prefix {
    const p = parsePrefix(text);
    if (!p.ok) throw new Error(text);
    return p.prefix;
}
function ip(text: string): number {
    const a = parseAddress(text);
    if (!a.ok) throw new Error(text);
    return a.address;
}

export class TopologyBuilder {
    private readonly sites: OnPremSite[] = [];
    private readonly vnets: Mutable<VNet>[] = [];
    private readonly peerings: Mutable<Peering>[] = [];
    private readonly sessions: BgpSession[] = [];
    private readonly byName = new Map<string, never>();

    site(name: string, asn: number, prefixes: string[]): OnPremSite {
        const s: OnPremSite = { kind: 'onprem', name, asn, prefixes: prefixes.map(prefix), source: src(), refs: {} };
        this.sites.push(s);
        this.byName.set(name, s as never);
        return s;
    }

    vnet(role: VNetRole, name: string, addressSpace: string[], body: (v: VNetBuilder) => void = () => undefined): VNet {
        const start = line;
        line += 1;
        const vnet: Mutable<VNet> = {
            kind: 'vnet', name, role, addressSpace: addressSpace.map(prefix), region: undefined, subnets: [],
            defaultSubnet: undefined as unknown as Subnet, routeServers: [], gateways: [], nvas: [], vms: [], firewalls: [],
            source: src(), refs: {}
        };
        vnet.defaultSubnet = newSubnet(vnet, 'default', undefined, vnet.source, {}, { implicit: true });
        body(new VNetBuilder(vnet, this.byName));
        line += 1;
        vnet.source = { uri: URI, range: { start: { line: start, character: 0 }, end: { line: line - 1, character: 1 } } };
        this.vnets.push(vnet);
        this.byName.set(name, vnet as never);
        return vnet;
    }

    peering(from: VNet, to: VNet, flags: Partial<Pick<Peering, 'allowVirtualNetworkAccess' | 'allowForwardedTraffic' | 'useRemoteGateways' | 'allowGatewayTransit'>> = {}): Peering {
        const p: Mutable<Peering> = {
            kind: 'peering', from, to, allowVirtualNetworkAccess: true, allowForwardedTraffic: false, useRemoteGateways: false,
            allowGatewayTransit: false, ...flags, state: 'Initiated', reverse: undefined, index: this.peerings.length, source: src(), refs: {}
        };
        const reverse = this.peerings.find(q => q.from === to && q.to === from);
        if (reverse) {
            p.state = 'Connected'; p.reverse = reverse;
            reverse.state = 'Connected'; reverse.reverse = p;
        }
        this.peerings.push(p);
        return p;
    }

    bgp(left: BgpEndpoint, right: BgpEndpoint, options: Partial<Pick<BgpSession, 'asOverride' | 'asPathPrepend' | 'multihop' | 'instances'>> = {}): BgpSession {
        const nva = left.kind === 'nva' ? left : right.kind === 'nva' ? right : undefined;
        const s: BgpSession = {
            kind: 'bgp', left, right, nva, peer: nva ? (nva === left ? right : left) : undefined,
            asOverride: false, asPathPrepend: 0, multihop: true, instances: 2, ...options,
            peerAsn: nva?.asn, peerAsnWritten: false, index: this.sessions.length, source: src(), refs: {}
        };
        this.sessions.push(s);
        return s;
    }

    build(): Topology {
        return { sites: this.sites, vnets: this.vnets, peerings: this.peerings, sessions: this.sessions, routeTables: [], intents: [], byName: this.byName };
    }
}

export class VNetBuilder {
    constructor(private readonly vnet: Mutable<VNet>, private readonly byName: Map<string, never>) { }

    routeServer(name: string, branchToBranch = false): RouteServer {
        const rs: RouteServer = { kind: 'routeServer', name, vnet: this.vnet, subnet: undefined, branchToBranch, hubRoutingPreference: 'ExpressRoute', source: src(), refs: {} };
        this.vnet.routeServers = [...this.vnet.routeServers, rs];
        this.byName.set(name, rs as never);
        return rs;
    }

    gateway(name: string, connections: OnPremSite[], type: 'ExpressRoute' | 'Vpn' = 'ExpressRoute'): Gateway {
        const source = src();
        const gw: Gateway = {
            kind: 'gateway', name, vnet: this.vnet, type, subnet: undefined, connections, vnetConnections: [], connectionsWritten: connections, asn: 65515, activeActive: true,
            nextHopIps: [], nextHopIpTexts: [], routeTable: undefined,
            gatewaySubnet: newSubnet(this.vnet, 'GatewaySubnet', undefined, source, {}, { special: 'GatewaySubnet' }), source, refs: {}
        };
        this.vnet.gateways = [...this.vnet.gateways, gw];
        this.byName.set(name, gw as never);
        return gw;
    }

    nva(name: string, asn: number, address: string, options: { advertises?: string[]; state?: 'up' | 'down' } = {}): Nva {
        const n: Mutable<Nva> = {
            kind: 'nva', name, vnet: this.vnet, subnet: this.vnet.defaultSubnet, ip: ip(address), ipText: address, nics: [], asn,
            advertises: (options.advertises ?? []).map(prefix), nextHop: ip(address), nextHopText: address,
            state: options.state ?? 'up', stateful: true, source: src(), refs: {}
        };
        n.nics = [{ kind: 'nic', name, owner: n, vnet: this.vnet, subnet: n.subnet, ip: n.ip, ipText: address, primary: true, source: n.source, refs: {} }];
        this.vnet.nvas = [...this.vnet.nvas, n];
        this.byName.set(name, n as never);
        return n;
    }

    vm(name: string, address: string): Vm {
        const v: Vm = { kind: 'vm', name, vnet: this.vnet, subnet: this.vnet.defaultSubnet, ip: ip(address), ipText: address, source: src(), refs: {} };
        this.vnet.vms = [...this.vnet.vms, v];
        this.byName.set(name, v as never);
        return v;
    }
}

/**
 * The seed design of docs/semantics.md §5: spoke `s` with route server `rs0`, dual-homed to hubs `h1`
 * and `h2`, each with an ExpressRoute gateway to its site, a route server with branch-to-branch
 * and an NVA peering both its hub's route server and `rs0`. `h1 -> h2` has no reverse (Initiated).
 */
export function seedTopology(): { topology: Topology; sessions: Record<string, BgpSession>; peerings: Record<string, Peering> } {
    line = 0;
    const t = new TopologyBuilder();
    const dc1 = t.site('dc1', 65021, ['10.2.13.0/25']);
    const dc2 = t.site('dc2', 65022, ['10.2.20.0/25']);
    let nva1!: Nva, nva2!: Nva, rs0!: RouteServer, rs1!: RouteServer, rs2!: RouteServer;
    const s = t.vnet('spoke', 's', ['10.100.0.0/24'], v => {
        rs0 = v.routeServer('rs0');
        v.vm('web1', '10.100.0.10');
    });
    const h1 = t.vnet('hub', 'h1', ['10.101.0.0/16'], v => {
        v.gateway('er1', [dc1]);
        rs1 = v.routeServer('rs1', true);
        nva1 = v.nva('nva1', 65001, '10.101.2.4');
        v.vm('app1', '10.101.3.10');
    });
    const h2 = t.vnet('hub', 'h2', ['10.102.0.0/16'], v => {
        v.gateway('er2', [dc2]);
        rs2 = v.routeServer('rs2', true);
        nva2 = v.nva('nva2', 65002, '10.102.2.4');
    });
    const peerings = {
        's->h1': t.peering(s, h1), 'h1->s': t.peering(h1, s),
        's->h2': t.peering(s, h2), 'h2->s': t.peering(h2, s),
        'h1->h2': t.peering(h1, h2)
    };
    const sessions = {
        'nva1-rs1': t.bgp(nva1, rs1), 'nva1-rs0': t.bgp(nva1, rs0),
        'nva2-rs2': t.bgp(nva2, rs2), 'nva2-rs0': t.bgp(rs0, nva2, { asOverride: true })
    };
    return { topology: t.build(), sessions, peerings };
}

/** The flow of dc1's prefix in the seed design: relayed by nva1 without asOverride and dropped by rs0. */
export const seedRouting: RouteFlowSource = {
    prefixes: () => ['10.2.13.0/25', '10.2.20.0/25'],
    flow: prefix => prefix !== '10.2.13.0/25'
        ? { prefix, origins: [], advertisements: [], drops: [], installs: [] }
        : {
            prefix,
            origins: [{ at: 'dc1' }],
            advertisements: [
                { from: 'dc1', to: 'er1', asPath: [12076, 65021] },
                { from: 'er1', to: 'rs1', asPath: [12076, 65021] },
                { from: 'rs1', to: 'nva1', asPath: [65515, 12076, 65021] },
                { from: 'nva1', to: 'rs0', asPath: [65001, 65515, 12076, 65021], nextHop: '10.101.2.4' }
            ],
            drops: [{ at: 'rs0', from: 'nva1', asPath: [65001, 65515, 12076, 65021], reason: 'AS path contains 65515' }],
            installs: [
                { vm: 'app1', source: 'VirtualNetworkGateway', state: 'Active', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: [] },
                { vm: 'web1', source: 'VirtualNetworkGateway', state: 'Active', nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: ['10.101.2.4', '10.102.2.4'] }
            ]
        }
};
