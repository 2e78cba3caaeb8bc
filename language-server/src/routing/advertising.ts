import type { Nva, OnPremSite, Prefix, RouteServer } from '../model/topology.js';
import type { Domains } from './domains.js';
import { prefixKey } from './prefix-index.js';
import type { Best, OutRoute } from './bgp-route.js';
import { MSEE_ASN, type SessionEnd, type SpeakerGraph, type SpeakerNode } from './speakers.js';

/**
 * What each speaker originates, per speaker index, by prefix number. Every prefix that moves in BGP
 * is originated somewhere, so the keys are numbered here: 0, 1, 2... in prefix order (address, then
 * length). Small integers are V8's fastest map keys; `prefixKey` itself exceeds 2^31 and makes
 * every map operation of the propagation hash a heap number.
 */
export function originations(graph: SpeakerGraph, domains: Domains): Array<Map<number, Prefix>> {
    const own = graph.speakers.map(sp => {
        const el = sp.element;
        switch (el.kind) {
            case 'nva': return el.advertises;
            case 'onprem': return el.prefixes;
            // RT-ADV-VNET: a route server announces the ranges of its domain to its NVAs; a gateway
            // announces the same ranges to its sites.
            case 'routeServer':
            case 'gateway': return domains.rangesOf(el.vnet).ranges;
        }
    });
    const numbers = new Map<number, number>();
    for (const prefixes of own) for (const p of prefixes) numbers.set(prefixKey(p), 0);
    [...numbers.keys()].sort((x, y) => x - y).forEach((key, i) => numbers.set(key, i));
    return own.map(prefixes => {
        const byNumber = new Map<number, Prefix>();
        for (const p of prefixes) {
            const n = numbers.get(prefixKey(p))!;
            if (!byNumber.has(n)) byNumber.set(n, p);
        }
        return byNumber;
    });
}

/**
 * What a speaker sends over one session for one prefix, given its best path (docs/semantics.md §2
 * "Advertising"): which routes each kind of speaker passes on, and how the AS path and next hop
 * change on the way. Undefined means nothing (a withdrawal).
 */
export function advertise(end: SessionEnd, best: Best | undefined): OutRoute | undefined {
    if (!best) return undefined;
    const { self, peer, link } = end;
    const selected = best.selected;
    // Advertised to each peer except the one the route was learned from.
    if (selected && selected.end.link === link) return undefined;
    const prefix: Prefix = best.own ?? selected!.prefix;
    const path = selected ? selected.asPath : [];
    const origin = selected ? selected.origin : self;
    switch (self.role) {
        case 'onprem':
            // RT-MSEE-HAIRPIN: a site originates its prefixes and never sends Azure's routes back in.
            // (v2) Over a static connection the gateway programs them with no AS path (the site has no asn).
            if (!best.own) return undefined;
            return { prefix, asPath: siteOriginPath(self, peer), nextHop: undefined, origin };
        case 'nva':
            return { prefix, asPath: nvaPath(end, path), nextHop: (self.element as Nva).nextHop, origin };
        case 'routeServer':
            if (peer.role === 'nva') {
                // Its own ranges and, RT-REFLECT, its best routes from other NVAs and (over
                // branch-to-branch sessions) from its gateways, all with 65515 prepended.
                return { prefix, asPath: [self.asn!, ...path], nextHop: routeServerNextHop(self), origin };
            }
            // Towards its gateways (one AS): what it learned, unchanged; its own ranges the gateway has.
            if (best.own) return undefined;
            return { prefix, asPath: path, nextHop: selected!.nextHop, origin };
        case 'expressRouteGateway':
        case 'vpnGateway': {
            const fromConnection = selected?.end.link.kind === 'connection';
            if (peer.role === 'routeServer') {
                // To its route server (one AS): what its connections sent, unchanged.
                return fromConnection ? { prefix, asPath: path, nextHop: undefined, origin } : undefined;
            }
            if (link.static) {
                // docs/semantics.md §1 (v2): nothing goes to a static site; between two Vpn gateways with
                // equal ASNs only their VNets' own ranges cross, with no AS path.
                if (peer.role !== 'vpnGateway' || !best.own) return undefined;
                return ownVNetRange(self, prefix) ? { prefix, asPath: [], nextHop: undefined, origin } : undefined;
            }
            if (self.role === 'vpnGateway') {
                // docs/semantics.md §2 (v2): to its BGP sites and VNet-to-VNet peers a Vpn gateway sends its
                // domain's ranges, its route server's best routes and what it learned from its other
                // connections (transit between connections), its ASN prepended.
                // RT-VPN-NO-DEFAULT: it does not re-advertise a default route learned from ARS.
                if (!best.own && !fromConnection && prefix.length === 0) return undefined;
                return { prefix, asPath: [self.asn!, ...path], nextHop: undefined, origin };
            }
            // An ExpressRoute gateway sends its sites its domain's ranges and its route server's best
            // routes; no transit between its own circuits.
            if (fromConnection) return undefined;
            // B-LOOP at the Microsoft edge: a route that already crossed it (from another circuit)
            // is dropped there and never reaches the site.
            if (path.includes(MSEE_ASN)) return undefined;
            // RT-ER-ASPATH-STRIP: on-premises sees Azure's routes from 12076, private ASNs removed.
            return { prefix, asPath: [MSEE_ASN, ...path.filter(asn => !isPrivateAsn(asn))], nextHop: undefined, origin };
        }
    }
}

/** One of the ranges of the gateway's own VNet (not of the VNets that use it). */
function ownVNetRange(self: SpeakerNode, prefix: Prefix): boolean {
    const el = self.element;
    return el.kind === 'gateway' && el.vnet.addressSpace.some(r => r.network === prefix.network && r.length === prefix.length);
}

/** A site's own prefix: `[asn]`, arriving over ExpressRoute as `[12076, asn]`. */
function siteOriginPath(self: SpeakerNode, peer: SpeakerNode): number[] {
    const asn = (self.element as OnPremSite).asn;
    const path = asn === undefined ? [] : [asn];
    return peer.role === 'expressRouteGateway' ? [MSEE_ASN, ...path] : path;
}

function nvaPath(end: SessionEnd, path: readonly number[]): number[] {
    const asn = end.self.asn!;
    const out: number[] = [];
    // asPathPrepend: n more copies of the NVA's ASN on what it sends this peer.
    for (let i = 0; i <= end.prepend; i++) out.push(asn);
    for (const hop of path) out.push(hop);
    if (end.asOverride && end.peer.asn !== undefined) {
        // B-ASOVERRIDE: the peer's ASN, wherever it occurs, becomes the NVA's so the peer's loop check passes.
        const peerAsn = end.peer.asn;
        for (let i = 0; i < out.length; i++) if (out[i] === peerAsn) out[i] = asn;
    }
    return out;
}

/** BGP-RS-NEXTHOP-OUT: the first route server instance, the fifth address of RouteServerSubnet (.4). */
function routeServerNextHop(self: SpeakerNode): number | undefined {
    const subnet = (self.element as RouteServer).subnet;
    return subnet ? subnet.first + 4 : undefined;
}

function isPrivateAsn(asn: number): boolean {
    return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}
