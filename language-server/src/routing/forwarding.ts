import { containsAddress, formatAddress } from '../model/prefix.js';
import { userRouteProblem } from '../model/user-route.js';
import type { Gateway, Nic, Nva, OnPremSite, Prefix, Subnet, Topology, UserRoute, VNet } from '../model/topology.js';
import { AddressBook, firstUsable, isStateful } from './forwarding-devices.js';
import { describe, learnedRoute, rowRoute, whyLearned, whyRow } from './forwarding-text.js';
import type {
    Appliance, Blocking, Branch, Disposition, FlowTrace, ForwardingDevice, Hop, HopRoute, PathTrace, TraceOptions, TraceSource
} from './forwarding-types.js';
import { PrefixIndex } from './prefix-index.js';
import type { EffectiveRoute, ReceivedRoute, RoutingResult } from './types.js';

export * from './forwarding-types.js';
export { firstUsable } from './forwarding-devices.js';

/** §6.6: the hop limit. */
export const MAX_HOPS = 64;
const MAX_BRANCHES = 16;

/** One branch being walked: its hops so far, the devices it visited, the packet's addresses. */
interface Walk {
    hops: Hop[];
    /** A short list (at most the hop limit): cheaper than a Set for the few devices of a path. */
    visited: ForwardingDevice[];
    readonly src: number;
    readonly dst: number;
}

/**
 * The forwarding model of docs/semantics.md §6: follows a packet hop by hop over the route engine's
 * effective routes (NICs), RIBs (gateways, sites, NVA tunnels) and the peerings between VNets.
 * Pure and deterministic; build one per routing result and trace as many flows as needed (the
 * address book and the per-speaker indexes are shared).
 */
export class Forwarding {
    private readonly book: AddressBook;
    private readonly maxHops: number;
    private readonly maxBranches: number;
    private readonly ribIndexes = new Map<object, PrefixIndex<ReceivedRoute[]>>();
    private readonly connectionIndexes = new Map<Gateway, PrefixIndex<{ site: OnPremSite; prefix: Prefix }>>();
    private branches: Branch[] = [];
    /** NVAs with a `bgp` statement to a site or another NVA: the only ones that can have a tunnel route (§6.2). */
    private readonly tunnelEnds = new Set<Nva>();

    constructor(readonly topology: Topology, readonly routing: RoutingResult, options: TraceOptions = {}) {
        this.book = new AddressBook(topology);
        for (const { left, right } of topology.sessions) {
            const tunnel = (l: typeof left, r: typeof right) => l.kind === 'nva' && (r.kind === 'onprem' || r.kind === 'nva');
            if (tunnel(left, right)) this.tunnelEnds.add(left as Nva);
            if (tunnel(right, left)) this.tunnelEnds.add(right as Nva);
        }
        this.maxHops = options.maxHops ?? MAX_HOPS;
        this.maxBranches = options.maxBranches ?? MAX_BRANCHES;
    }

    /**
     * Traces a flow both ways (§6.7): from `from` to `destination`, then the reply from where the
     * first delivered branch ended back to the source's address. Throws when a site has no prefix
     * or a VM or NVA no valid address (the source address is unknown).
     */
    trace(from: TraceSource, destination: number): FlowTrace {
        const source = this.sourceAddress(from);
        const forward = this.walk(from, source, destination);
        const delivered = forward.branches.find(b => b.disposition === 'delivered');
        const end = delivered?.hops[delivered.hops.length - 1]?.device;
        const reply = end ? this.walk(end, destination, source) : undefined;
        let asymmetric: Appliance[] = [];
        if (reply && forward.disposition === 'delivered' && reply.disposition === 'delivered') {
            const there = statefulOn(forward.branches.filter(b => b.disposition === 'delivered'));
            const back = statefulOn(reply.branches);
            asymmetric = [...there, ...back].filter(d => there.has(d) !== back.has(d)).sort(byName);
        }
        return { from, source, destination, forward, reply, asymmetric };
    }

    /** The address a source's packets carry: a VM's or NVA's IP, a site's first usable address. */
    sourceAddress(from: TraceSource): number {
        if (from.kind === 'onprem') {
            if (from.prefixes.length === 0) throw new Error(`site '${from.name}' has no prefixes to send from`);
            return firstUsable(from.prefixes[0]);
        }
        if (from.ip === undefined) throw new Error(`${describe(from)} has no valid ip`);
        return from.ip;
    }

    /** One direction: every ECMP branch from `start` towards `dst`. */
    walk(start: ForwardingDevice, src: number, dst: number): PathTrace {
        this.branches = [];
        const w: Walk = { hops: [], visited: [start], src, dst };
        if (this.book.owns(start, dst)) this.finish(w, start, 'delivered', null, undefined);
        else this.forwardFrom(w, start, false);
        const branches = this.branches;
        this.branches = [];
        const failing = branches.find(b => b.disposition !== 'delivered' && b.disposition !== 'exits-to-internet');
        const first = branches[0];
        return {
            branches,
            disposition: failing?.disposition ?? first.disposition,
            reason: failing?.reason ?? first.reason,
            failing
        };
    }

    // ---- arriving at a device ----------------------------------------------------------------

    /** §6.6 and the device's own rules: a loop, the hop limit, delivery, a down NVA, else forward. */
    private enter(w: Walk, device: ForwardingDevice, fromSite: boolean): void {
        if (w.visited.includes(device)) {
            const last = w.hops[w.hops.length - 1];
            return this.finish(w, device, 'loop',
                `${describe(device)} is visited twice: ${last ? `${describe(last.device)} sends ${formatAddress(w.dst)} back to it by ${routeText(last.route)} (${last.why})` : 'it sends the packet to itself'}`,
                { kind: 'route', row: last?.route?.row, learned: last?.route?.learned, at: last?.device ?? device });
        }
        if (w.hops.length >= this.maxHops) {
            return this.finish(w, device, 'ttl-exceeded', `more than ${this.maxHops} hops`, { kind: 'device', device });
        }
        if (this.book.owns(device, w.dst)) return this.finish(w, device, 'delivered', null, undefined);
        if (device.kind === 'nva' && device.state === 'down') {
            return this.finish(w, device, 'nva-down', `NVA '${device.name}' has state: down`, { kind: 'nva', nva: device });
        }
        if (device.kind === 'firewall' && device.state === 'down') {
            return this.finish(w, device, 'nva-down', `Azure Firewall '${device.name}' is down`, { kind: 'device', device });
        }
        if (device.kind === 'vm') {
            return this.finish(w, device, 'no-route', `VM '${device.name}' does not forward packets for ${formatAddress(w.dst)} (it is no NVA)`, { kind: 'device', device });
        }
        w.visited.push(device);
        this.forwardFrom(w, device, fromSite);
    }

    private forwardFrom(w: Walk, device: ForwardingDevice, fromSite: boolean): void {
        switch (device.kind) {
            case 'vm': return this.fromNic(w, device, device.subnet, device.name);
            case 'address': return this.fromNic(w, device, device.subnet, undefined);
            case 'nva': return this.fromNva(w, device);
            case 'firewall': return this.fromNic(w, device, device.subnet, device.name);
            case 'gateway': return this.fromGateway(w, device, fromSite);
            case 'onprem': return this.fromSite(w, device);
        }
    }

    // ---- §6.1: a NIC's effective route ---------------------------------------------------------

    private fromNic(w: Walk, device: ForwardingDevice, subnet: Subnet, nic: string | undefined): void {
        const row = this.routing.lookup(subnet, w.dst);
        if (!row) {
            this.push(w, device, nic, undefined, undefined, 'no Active route');
            return this.finish(w, undefined, 'no-route', `${describe(device)} has no Active route for ${formatAddress(w.dst)}`, { kind: 'device', device });
        }
        this.applyRow(w, device, subnet, nic, row);
    }

    /** §6.1: where one effective route row sends the packet. */
    private applyRow(w: Walk, device: ForwardingDevice, subnet: Subnet, nic: string | undefined, row: EffectiveRoute): void {
        const route = rowRoute(row);
        const why = whyRow(row);
        switch (row.nextHopType) {
            case 'None':
                this.push(w, device, nic, route, undefined, why);
                return this.finish(w, undefined, 'dropped-none-route',
                    `${describe(device)} drops it: ${routeText(route)} (${why})`, { kind: 'route', row, learned: undefined, at: device });
            case 'Internet':
                this.push(w, device, nic, route, undefined, why);
                return this.finish(w, undefined, 'exits-to-internet',
                    `${describe(device)} sends it to the internet by ${routeText(route)} (${why})`, { kind: 'route', row, learned: undefined, at: device });
            case 'VnetLocal': case 'VNetPeering': case 'VNetGlobalPeering': {
                const vnet = row.provenance.kind === 'vnet-local' || row.provenance.kind === 'peering' ? row.provenance.vnet : subnet.vnet;
                return this.intoVNet(w, device, nic, route, why, subnet.vnet, vnet);
            }
            case 'VirtualAppliance': {
                const ip = row.provenance.kind === 'user' ? row.provenance.route.nextHopIp : undefined;
                return this.toNextHops(w, device, nic, route, why, subnet.vnet, ip === undefined ? [] : [ip], row);
            }
            case 'VirtualNetworkGateway': {
                const p = row.provenance;
                if (p.kind === 'bgp') {
                    const by = p.programmed.by;
                    if (p.programmed.nextHops.length > 0) {
                        return this.toNextHops(w, device, nic, route, why, subnet.vnet, p.programmed.nextHops, row, by.kind === 'gateway' ? by : undefined);
                    }
                    if (by.kind === 'gateway') return this.toDevices(w, device, nic, route, why, subnet.vnet, [by]);
                }
                const gateway = this.gatewayFor(subnet.vnet);
                if (gateway) return this.toDevices(w, device, nic, route, why, subnet.vnet, [gateway]);
                this.push(w, device, nic, route, undefined, why);
                return this.finish(w, undefined, 'no-route', `${describe(device)}: ${routeText(route)} names no gateway that VNet '${subnet.vnet.name}' can use`, { kind: 'route', row, learned: undefined, at: device });
            }
        }
    }

    /**
     * Next hop IPs (sorted: the first branch takes the lowest) to the NVAs that own them, or to
     * `fallback` (the programming gateway, whose own `nextHopIps` they are).
     */
    private toNextHops(w: Walk, device: ForwardingDevice, nic: string | undefined, route: HopRoute, why: string, from: VNet,
        ips: readonly number[], row: EffectiveRoute | undefined, fallback?: Gateway): void {
        const targets: ForwardingDevice[] = [];
        for (const ip of ips) {
            const target = this.book.forwarderAt(ip, from) ?? fallback;
            if (target && !targets.includes(target)) targets.push(target);
        }
        if (targets.length === 0) {
            this.push(w, device, nic, route, undefined, why);
            const what = ips.length === 0 ? 'no next hop address' : `next hop ${ips.map(formatAddress).join(', ')}, which no NVA owns`;
            return this.finish(w, undefined, 'no-route', `${describe(device)}: ${routeText(route)} has ${what}`, { kind: 'route', row, learned: route.learned, at: device });
        }
        this.toDevices(w, device, nic, route, why, from, targets);
    }

    /** ECMP: one branch per target, in the given order, up to the branch limit. */
    private toDevices(w: Walk, device: ForwardingDevice, nic: string | undefined, route: HopRoute, why: string, from: VNet | undefined,
        targets: readonly ForwardingDevice[], fromSite = false): void {
        const room = Math.max(1, this.maxBranches - this.branches.length);
        const taken = targets.slice(0, room);
        const walks = taken.map((_, i) => (i === 0 ? w : clone(w)));
        taken.forEach((target, i) => {
            const wi = walks[i];
            this.push(wi, device, nic, route, target, why);
            const to = vnetOf(target);
            if (from && to && !this.cross(wi, device, from, to)) return;
            this.enter(wi, target, fromSite);
        });
    }

    /** Into a VNet by a VNet or peering route (or a gateway's system route): to the owner of the address, else delivered there. */
    private intoVNet(w: Walk, device: ForwardingDevice, nic: string | undefined, route: HopRoute, why: string, from: VNet, vnet: VNet): void {
        const owner = this.book.ownerIn(vnet, w.dst);
        this.push(w, device, nic, route, owner ?? vnet, why);
        if (!this.cross(w, device, from, vnet)) return;
        if (owner) return this.enter(w, owner, false);
        this.finish(w, this.book.addressEnd(vnet, w.dst), 'delivered', null, undefined);
    }

    // ---- §6.3: crossing a peering --------------------------------------------------------------

    /** Whether the packet may cross from `from` into `to`; ends the branch when it may not. */
    private cross(w: Walk, device: ForwardingDevice, from: VNet, to: VNet): boolean {
        if (from === to) return true;
        const p = this.book.peering(from, to);
        if (!p || p.state !== 'Connected' || !p.reverse) {
            const reason = p
                ? `peering '${from.name} -> ${to.name}' is Initiated: '${to.name} -> ${from.name}' does not exist`
                : `VNets '${from.name}' and '${to.name}' are not peered`;
            this.finish(w, undefined, 'peering-not-connected', reason, { kind: 'peering', peering: p, from, to });
            return false;
        }
        if (!p.allowVirtualNetworkAccess) {
            this.finish(w, undefined, 'peering-not-connected', `peering '${from.name} -> ${to.name}' has allowVirtualNetworkAccess: false`,
                { kind: 'peering', peering: p, from, to });
            return false;
        }
        // PEER-FWD: traffic an NVA of `from` forwards, whose source is outside `from`, needs
        // allowForwardedTraffic on the receiving side's peering `to -> from`.
        const forwarded = (device.kind === 'nva' || device.kind === 'firewall') && !from.addressSpace.some(r => containsAddress(r, w.src));
        if (forwarded && !p.reverse.allowForwardedTraffic) {
            this.finish(w, undefined, 'forwarded-traffic-blocked',
                `peering '${to.name} -> ${from.name}' lacks allowForwardedTraffic: true, so VNet '${to.name}' drops what ${describe(device)} forwards from ${formatAddress(w.src)} [PEER-FWD]`,
                { kind: 'peering', peering: p.reverse, from, to });
            return false;
        }
        return true;
    }

    // ---- §6.2: an NVA --------------------------------------------------------------------------

    private fromNva(w: Walk, nva: Nva): void {
        // A prefix the NVA originates itself (its `advertises`, an SD-WAN or IPsec branch behind it)
        // is reached through the NVA: the packet leaves Azure there. 0.0.0.0/0 is not a branch: the
        // NVA forwards internet traffic by its NIC's table (nva-default-route-loop when that is itself).
        if (nva.advertises.some(p => p.length > 0 && containsAddress(p, w.dst))) {
            return this.finish(w, nva, 'delivered', null, undefined);
        }
        const { nic, row: nicRow } = this.nicFor(nva, w.dst);
        const tunnel = this.tunnelRoute(nva, w.dst);
        if (tunnel) {
            // A VNet or peering range more specific than the tunnel's prefix stays on the NIC.
            const local = nicRow && (nicRow.nextHopType === 'VnetLocal' || nicRow.nextHopType === 'VNetPeering' || nicRow.nextHopType === 'VNetGlobalPeering')
                && nicRow.addressPrefix.length > tunnel.prefix.length;
            if (!local) {
                const peer = tunnel.from as Nva | OnPremSite;
                const route = learnedRoute(tunnel.prefix, 'BGP', peer.kind === 'onprem' ? 'OnPremises' : 'VirtualAppliance',
                    tunnel.nextHop === undefined ? [] : [tunnel.nextHop], tunnel);
                return this.toDevices(w, nva, nic.name, route, `tunnel: learned ${whyLearned(tunnel)}`, undefined, [peer]);
            }
        }
        if (!nicRow) {
            this.push(w, nva, nic.name, undefined, undefined, 'no Active route');
            return this.finish(w, undefined, 'no-route', `${describe(nva)} has no Active route for ${formatAddress(w.dst)}`, { kind: 'device', device: nva });
        }
        this.applyRow(w, nva, nic.subnet, nic.name, nicRow);
    }

    /** §6.2: the NIC whose table has the longest match for the address, the first NIC on a tie. */
    private nicFor(nva: Nva, dst: number): { nic: Nic; row: EffectiveRoute | undefined } {
        let best: { nic: Nic; row: EffectiveRoute | undefined } = { nic: nva.nics[0], row: undefined };
        for (const nic of nva.nics) {
            const row = this.routing.lookup(nic.subnet, dst);
            if (row && (!best.row || row.addressPrefix.length > best.row.addressPrefix.length)) best = { nic, row };
        }
        return best;
    }

    /** §6.2: the NVA's best route for the address, when it learned it directly from a site or NVA over a `bgp` session. */
    private tunnelRoute(nva: Nva, dst: number): ReceivedRoute | undefined {
        // Without a `bgp` statement to a site or NVA there is no tunnel, and no need for the NVA's RIB.
        if (!this.tunnelEnds.has(nva)) return undefined;
        let index = this.ribIndexes.get(nva);
        if (!index) {
            index = new PrefixIndex();
            for (const best of this.routing.rib(nva)?.best ?? []) {
                // Own prefixes leave by the NIC; the longest match among the rest decides.
                if (best.own) index.add(best.prefix, []);
                else if (best.selected) index.add(best.prefix, [best.selected]);
            }
            this.ribIndexes.set(nva, index);
        }
        const hit = index.longestMatch(dst)?.value[0];
        return hit && hit.session.kind === 'bgp' && (hit.from.kind === 'onprem' || hit.from.kind === 'nva') ? hit : undefined;
    }

    // ---- §6.4: a gateway -----------------------------------------------------------------------

    private fromGateway(w: Walk, gw: Gateway, fromSite: boolean): void {
        const toSite = this.siteFor(gw, w.dst);
        if (!fromSite && toSite) return this.toSite(w, gw, toSite);
        const remote = this.remoteGatewayFor(gw, w.dst);
        if (!fromSite && remote) {
            const route = learnedRoute(remote.prefix, remote.learned ? 'BGP' : 'Static', 'VirtualNetworkGateway', [], remote.learned);
            return this.toDevices(w, gw, undefined, route, `VNet-to-VNet connection '${gw.name}' -> '${remote.gateway.name}'`, undefined, [remote.gateway], true);
        }
        if (fromSite) {
            // Into Azure, by longest prefix match: the GatewaySubnet's user routes; the routes
            // learned from the route server (next hop an NVA), which win over VNet and peering
            // system routes of the same prefix; the system routes (on a tie, in that order).
            const user = this.gatewayUserRoute(gw, w.dst);
            const learned = this.learnedFromRouteServer(gw, w.dst);
            const system = this.book.systemRange(gw.vnet, w.dst);
            const longest = Math.max(user?.prefix?.length ?? -1, learned?.[0].prefix.length ?? -1, system?.prefix.length ?? -1);
            if (user && user.prefix!.length === longest) {
                const row = this.routing.effectiveRoutes(gw.gatewaySubnet).find(r => r.provenance.kind === 'user' && r.provenance.route === user);
                if (row) return this.applyRow(w, gw, gw.gatewaySubnet, undefined, row);
            }
            if (learned && learned[0].prefix.length === longest) {
                const ips = [...new Set(learned.map(r => r.nextHop!))].sort((a, b) => a - b);
                const route = learnedRoute(learned[0].prefix, 'BGP', 'VirtualAppliance', ips, learned[0]);
                return this.toNextHops(w, gw, undefined, route, `learned ${whyLearned(learned[0])}`, gw.vnet, ips, undefined);
            }
            if (system && system.prefix.length === longest && (!toSite || system.prefix.length >= toSite.prefix.length)) {
                const route = learnedRoute(system.prefix, 'Default', system.vnet === gw.vnet ? 'VnetLocal' : 'VNetPeering', []);
                const why = system.vnet === gw.vnet ? `address space of VNet '${gw.vnet.name}'` : `peering '${gw.vnet.name} -> ${system.vnet.name}'`;
                return this.intoVNet(w, gw, undefined, route, why, gw.vnet, system.vnet);
            }
            if (toSite) return this.toSite(w, gw, toSite);
            if (remote) {
                const route = learnedRoute(remote.prefix, remote.learned ? 'BGP' : 'Static', 'VirtualNetworkGateway', [], remote.learned);
                return this.toDevices(w, gw, undefined, route, `VNet-to-VNet connection '${gw.name}' -> '${remote.gateway.name}'`, undefined, [remote.gateway], true);
            }
        }
        this.push(w, gw, undefined, undefined, undefined, 'no route');
        this.finish(w, undefined, 'no-route', `gateway '${gw.name}' has no route for ${formatAddress(w.dst)}`, { kind: 'device', device: gw });
    }

    /** The GatewaySubnet's longest-match user route (the gateway's `routeTable`), one Azure would accept. */
    private gatewayUserRoute(gw: Gateway, dst: number): UserRoute | undefined {
        if (!gw.routeTable) return undefined;
        let best: UserRoute | undefined;
        for (const r of gw.routeTable.routes) {
            if (!r.prefix || !r.nextHopType || userRouteProblem(r) || !containsAddress(r.prefix, dst)) continue;
            if (!best || r.prefix.length > best.prefix!.length) best = r;
        }
        return best;
    }

    /**
     * §6.4: the remote gateway of an up VNet-to-VNet connection (both list each other) for the
     * address: by the longest route learned from it, else by its VNet's ranges (a static exchange).
     */
    private remoteGatewayFor(gw: Gateway, dst: number): { gateway: Gateway; prefix: Prefix; learned: ReceivedRoute | undefined } | undefined {
        const up = gw.vnetConnections.filter(g => g !== gw && g.vnetConnections.includes(gw));
        if (up.length === 0) return undefined;
        let best: { gateway: Gateway; prefix: Prefix; learned: ReceivedRoute | undefined } | undefined;
        for (const r of this.routing.rib(gw)?.received ?? []) {
            if (r.from.kind !== 'gateway' || !up.includes(r.from) || !usable(r) || !containsAddress(r.prefix, dst)) continue;
            if (!best || r.prefix.length > best.prefix.length) best = { gateway: r.from, prefix: r.prefix, learned: r };
        }
        if (best) return best;
        for (const g of up) {
            for (const range of g.vnet.addressSpace) {
                if (containsAddress(range, dst) && (!best || range.length > best.prefix.length)) best = { gateway: g, prefix: range, learned: undefined };
            }
        }
        return best;
    }

    private toSite(w: Walk, gw: Gateway, hit: { site: OnPremSite; prefix: Prefix }): void {
        const route = learnedRoute(hit.prefix, 'Connection', 'OnPremises', []);
        this.toDevices(w, gw, undefined, route, `connection '${gw.name}' -> '${hit.site.name}'`, undefined, [hit.site]);
    }

    /** §6.4: the connected site whose prefix is the longest match (the lowest name on a tie). */
    private siteFor(gw: Gateway, dst: number): { site: OnPremSite; prefix: Prefix } | undefined {
        let index = this.connectionIndexes.get(gw);
        if (!index) {
            index = new PrefixIndex();
            for (const site of [...gw.connections].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
                for (const prefix of site.prefixes) index.add(prefix, { site, prefix });
            }
            this.connectionIndexes.set(gw, index);
        }
        return index.longestMatch(dst)?.value;
    }

    /** The longest-match routes a gateway learned from its route server (branch-to-branch), with an NVA next hop. */
    private learnedFromRouteServer(gw: Gateway, dst: number): ReceivedRoute[] | undefined {
        let index = this.ribIndexes.get(gw);
        if (!index) {
            index = new PrefixIndex();
            const lists = new Map<string, ReceivedRoute[]>();
            for (const r of this.routing.rib(gw)?.received ?? []) {
                if (r.session.kind !== 'branch-to-branch' || r.nextHop === undefined || !usable(r)) continue;
                let list = lists.get(r.prefix.text);
                if (!list) {
                    lists.set(r.prefix.text, list = []);
                    index.add(r.prefix, list);
                }
                list.push(r);
            }
            this.ribIndexes.set(gw, index);
        }
        return index.longestMatch(dst)?.value;
    }

    /** UDR next hop type VirtualNetworkGateway: the VNet's own gateway, else the one it uses through useRemoteGateways. */
    private gatewayFor(vnet: VNet): Gateway | undefined {
        const own = vnet.gateways.find(g => g.type === 'Vpn') ?? vnet.gateways[0];
        if (own) return own;
        const p = this.book.peeringsFrom(vnet).find(x => x.useRemoteGateways && x.state === 'Connected');
        return p ? (p.to.gateways.find(g => g.type === 'Vpn') ?? p.to.gateways[0]) : undefined;
    }

    // ---- §6.5: an on-premises site -------------------------------------------------------------

    private fromSite(w: Walk, site: OnPremSite): void {
        if (site.asn === undefined) {
            // A static connection: whatever is not the site's own goes to the gateway that connects it.
            const gw = this.book.gatewaysConnecting(site)[0];
            if (gw) {
                const route = learnedRoute({ text: '0.0.0.0/0' } as Prefix, 'Static', 'VirtualNetworkGateway', []);
                return this.toDevices(w, site, undefined, route, `static connection to gateway '${gw.name}'`, undefined, [gw], true);
            }
        } else {
            const r = this.siteRoute(site, w.dst);
            if (r) {
                const target = r.from as Gateway | Nva;
                const route = learnedRoute(r.prefix, 'BGP', target.kind === 'gateway' ? 'VirtualNetworkGateway' : 'VirtualAppliance',
                    r.nextHop === undefined ? [] : [r.nextHop], r);
                return this.toDevices(w, site, undefined, route, `learned ${whyLearned(r)}`, undefined, [target], true);
            }
        }
        this.push(w, site, undefined, undefined, undefined, 'no route');
        this.finish(w, undefined, 'no-route', `site '${site.name}' has no route for ${formatAddress(w.dst)}`, { kind: 'device', device: site });
    }

    /**
     * §6.5: the longest match among the routes the site learned; then the shortest AS path; then
     * ExpressRoute over Vpn over an NVA tunnel; then the lowest name.
     */
    private siteRoute(site: OnPremSite, dst: number): ReceivedRoute | undefined {
        let index = this.ribIndexes.get(site);
        if (!index) {
            index = new PrefixIndex();
            const lists = new Map<string, ReceivedRoute[]>();
            for (const r of this.routing.rib(site)?.received ?? []) {
                if (!usable(r)) continue;
                let list = lists.get(r.prefix.text);
                if (!list) {
                    lists.set(r.prefix.text, list = []);
                    index.add(r.prefix, list);
                }
                list.push(r);
            }
            for (const list of lists.values()) list.sort(siteOrder);
            this.ribIndexes.set(site, index);
        }
        return index.longestMatch(dst)?.value[0];
    }

    // ---- hop lists ------------------------------------------------------------------------------

    private push(w: Walk, device: ForwardingDevice, nic: string | undefined, route: HopRoute | undefined,
        nextHop: ForwardingDevice | VNet | undefined, why: string): void {
        w.hops.push({ hop: w.hops.length + 1, device, nic, route, nextHop, why });
    }

    /** Ends a branch; `last` is the device it ends at (delivered, looped, stopped), added as the final hop. */
    private finish(w: Walk, last: ForwardingDevice | undefined, disposition: Disposition, reason: string | null, blocking: Blocking | undefined): void {
        if (last) this.push(w, last, undefined, undefined, undefined, disposition === 'delivered' ? 'destination' : disposition);
        this.branches.push({ hops: w.hops, disposition, reason, blocking });
    }
}

function clone(w: Walk): Walk {
    return { hops: [...w.hops], visited: [...w.visited], src: w.src, dst: w.dst };
}

function vnetOf(d: ForwardingDevice): VNet | undefined {
    return d.kind === 'onprem' ? undefined : d.vnet;
}

/** A route the speaker holds: accepted, or only beaten in best-path selection (not dropped). */
function usable(r: ReceivedRoute): boolean {
    return r.accepted || r.reason?.kind === 'not-best';
}

const SITE_PEER_ORDER = (r: ReceivedRoute): number =>
    r.from.kind === 'gateway' ? (r.from.type === 'ExpressRoute' ? 0 : 1) : 2;

function siteOrder(a: ReceivedRoute, b: ReceivedRoute): number {
    return a.asPath.length - b.asPath.length || SITE_PEER_ORDER(a) - SITE_PEER_ORDER(b)
        || (a.from.name < b.from.name ? -1 : a.from.name > b.from.name ? 1 : 0);
}

function statefulOn(branches: readonly Branch[]): Set<Appliance> {
    const set = new Set<Appliance>();
    for (const b of branches) {
        for (const h of b.hops) if ((h.device.kind === 'nva' || h.device.kind === 'firewall') && isStateful(h.device)) set.add(h.device);
    }
    return set;
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `10.2.13.0/25 VirtualNetworkGateway 10.101.3.10` */
export function routeText(route: HopRoute | undefined): string {
    if (!route) return 'no route';
    return [route.addressPrefix, route.nextHopType, ...route.nextHopIpAddress].join(' ');
}

