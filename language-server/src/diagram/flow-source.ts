/**
 * What the route-flow diagram needs to know about routing, and nothing more. The route engine
 * (`routing/`) is adapted to this interface in `routing-adapter.ts`; tests and other callers may
 * implement it directly. Speakers are named by their topology names, which are unique across the
 * workspace (docs/language.md §2): NVAs, route servers, gateways and on-premises sites.
 */
export interface RouteFlowSource {
    /** Every prefix worth picking in the diagram (originated or learned somewhere), canonical text. */
    prefixes(): readonly string[];
    /** How one prefix (canonical text, e.g. `10.2.13.0/25`) travels. */
    flow(prefix: string): RouteFlow;
    /**
     * Why a session between two speakers is down, or undefined when it is up or unknown. Without
     * it the diagram infers down sessions from `state: down` and the diagnostics that tear a
     * session down (docs/semantics.md §1).
     */
    sessionDown?(a: string, b: string): string | undefined;
}

export interface RouteFlow {
    readonly prefix: string;
    /** The speakers that originate the prefix (an onprem site, an NVA's `advertises`, a VNet range). */
    readonly origins: readonly FlowOrigin[];
    /** Every hop the prefix is advertised over, with the AS path as sent. */
    readonly advertisements: readonly FlowAdvertisement[];
    /** Every place a received route for the prefix is dropped, with the reason as text. */
    readonly drops: readonly FlowDrop[];
    /** Every VM whose effective routes carry the prefix. */
    readonly installs: readonly FlowInstall[];
}

export interface FlowOrigin {
    /** Speaker name; a VNet name when the prefix is a VNet range advertised by its route server. */
    readonly at: string;
    readonly note?: string;
}

export interface FlowAdvertisement {
    readonly from: string;
    readonly to: string;
    /** The AS path as sent, first ASN first. */
    readonly asPath: readonly number[];
    /** The next hop as sent, when known. */
    readonly nextHop?: string;
}

export interface FlowDrop {
    /** The speaker that drops the route. */
    readonly at: string;
    /** The peer it came from, when the drop is on a session. */
    readonly from?: string;
    readonly asPath?: readonly number[];
    /** Human text without the speaker's name, e.g. `AS path contains 65515`. */
    readonly reason: string;
}

export interface FlowInstall {
    readonly vm: string;
    /** `VirtualNetworkGateway`, `User`, `Default` (the effective route's source). */
    readonly source: string;
    readonly state: 'Active' | 'Invalid';
    /** `VirtualNetworkGateway`, `VirtualAppliance`, ... */
    readonly nextHopType: string;
    /** Next hop addresses, sorted; several for ECMP, none for routes learned by a gateway. */
    readonly nextHopIpAddress: readonly string[];
}

/** A source that knows nothing: the diagram without routing. */
export const NO_ROUTING: RouteFlowSource = {
    prefixes: () => [],
    flow: prefix => ({ prefix, origins: [], advertisements: [], drops: [], installs: [] })
};
