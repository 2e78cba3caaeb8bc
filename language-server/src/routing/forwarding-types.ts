import type { Firewall, Gateway, Nva, OnPremSite, Peering, Subnet, VNet, Vm } from '../model/topology.js';
import type { EffectiveRoute, ReceivedRoute } from './types.js';

/**
 * The shapes of a trace (docs/semantics.md §6): hop lists, dispositions and the component that blocks a
 * path. Plain data: the CLI prints them, the checks anchor findings on them, intents compare them.
 */

/**
 * What happened to a packet (docs/language.md §5, `trace --format json`):
 * - `delivered`: it reached the device that owns the destination address, or the VNet whose
 *   range holds it when no device does;
 * - `exits-to-internet`: an Active `Internet` row took it;
 * - `dropped-none-route`: an Active `None` row took it;
 * - `no-route`: no Active row (or no route at a gateway or site) matches it, or a next hop IP
 *   belongs to no NVA;
 * - `forwarded-traffic-blocked`: PEER-FWD, a peering without `allowForwardedTraffic` on traffic an
 *   NVA forwarded;
 * - `peering-not-connected`: the next hop is in a VNet with no Connected peering (or
 *   `allowVirtualNetworkAccess: false`);
 * - `nva-down`: the next hop is an NVA with `state: down`, or an Azure Firewall a what-if failure took down;
 * - `loop`: a device is visited twice (the hop list ends with it);
 * - `ttl-exceeded`: more hops than the limit (64).
 */
export type Disposition =
    | 'delivered' | 'exits-to-internet' | 'dropped-none-route' | 'no-route' | 'forwarded-traffic-blocked'
    | 'peering-not-connected' | 'nva-down' | 'loop' | 'ttl-exceeded';

export const DISPOSITIONS: readonly Disposition[] = [
    'delivered', 'exits-to-internet', 'dropped-none-route', 'no-route', 'forwarded-traffic-blocked',
    'peering-not-connected', 'nva-down', 'loop', 'ttl-exceeded'
];

/**
 * A destination inside a VNet that no device owns: the packet is delivered to the VNet (§6.1).
 * As a starting point of a reply, the address stands for a NIC of the subnet that holds it.
 */
export interface AddressEnd {
    readonly kind: 'address';
    /** The address as text. */
    readonly name: string;
    readonly address: number;
    readonly vnet: VNet;
    readonly subnet: Subnet;
}

/** Anything a hop can be: a VM, an NVA, a firewall, a gateway, an on-premises site, or a bare address in a VNet. */
export type ForwardingDevice = Vm | Nva | Firewall | Gateway | OnPremSite | AddressEnd;

/** The devices that forward packets and may keep state (§6.7): NVAs and firewalls. */
export type Appliance = Nva | Firewall;

/**
 * The route a hop used. At a NIC (VM, NVA) `row` is the effective route, and `source`,
 * `nextHopType` and `nextHopIpAddress` are its columns. At a gateway or site, where Azure shows no
 * NIC table, the same columns describe the route it followed: `source` is `BGP` (learned over a
 * session), `Connection` (the prefix of a site the gateway connects), `Static` (a static site's
 * connection) or `Default` (the gateway's VNet and peering ranges); `nextHopType` adds `OnPremises`.
 */
export interface HopRoute {
    readonly addressPrefix: string;
    readonly source: string;
    readonly nextHopType: string;
    readonly nextHopIpAddress: readonly string[];
    /** The effective route row, at a NIC. */
    readonly row?: EffectiveRoute;
    /** The BGP route behind it at a gateway, site or NVA tunnel. */
    readonly learned?: ReceivedRoute;
}

/** One line of a traceroute. */
export interface Hop {
    /** 1-based. */
    readonly hop: number;
    readonly device: ForwardingDevice;
    /** The NIC the packet leaves by: a VM's or firewall's name, an NVA NIC's name (the NVA's for one written with `ip:`); undefined at a gateway or site. */
    readonly nic: string | undefined;
    /** The route used; undefined on the last hop of a delivered, looped or stopped path. */
    readonly route: HopRoute | undefined;
    /** Where the route sends the packet: a device, a VNet (delivered there), or undefined. */
    readonly nextHop: ForwardingDevice | VNet | undefined;
    /** Why the route is there: the session that taught it, the user route, the peering. */
    readonly why: string;
}

/**
 * The component that stops a path, for the reason text and for anchoring findings: a route row
 * (`None`, `Internet`, or the one that closes a loop), a peering (missing flag, not Connected), an
 * NVA that is down, or a device with no route.
 */
export type Blocking =
    | { readonly kind: 'route'; readonly row: EffectiveRoute | undefined; readonly learned: ReceivedRoute | undefined; readonly at: ForwardingDevice }
    | { readonly kind: 'peering'; readonly peering: Peering | undefined; readonly from: VNet; readonly to: VNet }
    | { readonly kind: 'nva'; readonly nva: Nva }
    | { readonly kind: 'device'; readonly device: ForwardingDevice };

/** One path from the start to where it ends (one ECMP branch). */
export interface Branch {
    readonly hops: readonly Hop[];
    readonly disposition: Disposition;
    /** Names the blocking component and the route or flag responsible; null when delivered. */
    readonly reason: string | null;
    readonly blocking: Blocking | undefined;
}

/** The walk of one direction: every ECMP branch, first the one through the lowest next hop IP. */
export interface PathTrace {
    readonly branches: readonly Branch[];
    /**
     * `delivered` when every branch is delivered (or exits to the internet); otherwise the first
     * failing branch's disposition.
     */
    readonly disposition: Disposition;
    readonly reason: string | null;
    /** The first branch that is not delivered, if any. */
    readonly failing: Branch | undefined;
}

/** Where a trace starts: a VM, an NVA (its first NIC's address), a firewall or an on-premises site. */
export type TraceSource = Vm | Nva | Firewall | OnPremSite;

/** A trace both ways (docs/semantics.md §6.7). */
export interface FlowTrace {
    readonly from: TraceSource;
    /** The source address: the VM's or NVA's IP, a site's first usable address. */
    readonly source: number;
    readonly destination: number;
    readonly forward: PathTrace;
    /** The reply, from where the first delivered forward branch ended back to `source`; undefined when nothing was delivered. */
    readonly reply: PathTrace | undefined;
    /** Stateful devices (NVAs unless `stateful: false`, firewalls) seen in one direction only, sorted by name. */
    readonly asymmetric: readonly Appliance[];
}

export interface TraceOptions {
    /** §6.6: more hops than this is `ttl-exceeded`. Default 64. */
    readonly maxHops?: number;
    /** ECMP branches followed per direction before the rest are cut. Default 16. */
    readonly maxBranches?: number;
}

