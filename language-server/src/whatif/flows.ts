import type { Topology } from '../model/topology.js';
import type { RoutingResult } from '../routing/index.js';
import type { DerivedTopology } from './derived-topology.js';

/**
 * The seam between the failure simulation and the forwarding walk (docs/semantics.md §6): what
 * `azrs failover` and `azrs diff` need to know about intents and paths, over any topology and its
 * routes. The what-if code calls only this; the forwarding walk's own API stays its business.
 */

/** An asymmetric flow: a stateful device sees one direction only (`asymmetric-path`). */
export interface AsymmetricFlow {
    /** The VM the flow starts at. */
    readonly from: string;
    /** The destination address. */
    readonly to: string;
    /** The stateful NVAs or firewalls seen in one direction only, sorted. */
    readonly devices: readonly string[];
}

/** A path that visits a device twice (`forwarding-loop`). */
export interface LoopingFlow {
    readonly from: string;
    readonly to: string;
    /** The device visited twice. */
    readonly device: string;
}

export interface FlowOutcome {
    /** Every intent by name: whether it holds (docs/semantics.md §6.8). */
    readonly intents: ReadonlyMap<string, boolean>;
    /** Why an intent does not hold, by name (the first hop where the path departs from it). */
    readonly intentReasons: ReadonlyMap<string, string>;
    readonly asymmetric: readonly AsymmetricFlow[];
    readonly loops: readonly LoopingFlow[];
}

/** Traces the intents and the flows of §6.9 over a topology and its routes. */
export interface FlowAnalyzer {
    analyse(topology: Topology, routing: RoutingResult): FlowOutcome;
    /**
     * The same under a failure, reusing `base` (the outcome as written) where the failure changes
     * nothing; `failed` names the failed elements as `kind:name` (`nva:nva2`, `gateway:ergw1`).
     */
    reanalyse?(base: FlowOutcome, baseTopology: Topology, baseRouting: RoutingResult, derived: DerivedTopology,
        routing: RoutingResult, failed: ReadonlySet<string>): FlowOutcome;
}

/** No forwarding walk: no intents, no paths (used where the walk is not available). */
export const NO_FLOWS: FlowAnalyzer = {
    analyse: () => ({ intents: new Map(), intentReasons: new Map(), asymmetric: [], loops: [] })
};

export function flowKey(f: AsymmetricFlow | LoopingFlow): string {
    return 'device' in f ? `${f.from}\u0000${f.to}\u0000${f.device}` : `${f.from}\u0000${f.to}\u0000${f.devices.join(',')}`;
}
