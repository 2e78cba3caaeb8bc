import { NO_FLOWS, type FlowAnalyzer } from './flows.js';

/**
 * The forwarding walk behind the what-if analyses. Until the walk of SEMANTICS.md §6 is part of
 * the build, there is none: failover and diff report routes only, and say so.
 */
export function forwardingWalk(): FlowAnalyzer {
    return NO_FLOWS;
}
