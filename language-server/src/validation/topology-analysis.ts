import type { Topology } from '../model/topology.js';
import { computeRouting, type RoutingResult } from '../routing/index.js';
import { Forwarding } from '../routing/forwarding.js';
import { evaluateIntents, type IntentResult } from '../routing/intents.js';
import type { AnalysisSettings } from '../routing/settings.js';
import { admissionFrom, type Admission } from './admission.js';
import type { Finding } from './finding.js';
import { checkForwarding } from './forwarding-checks.js';
import { checkIntents } from './intent-checks.js';
import { runRoutingChecks, runTopologyChecks } from './topology-checks.js';

/** What the analysis derives from one topology: routes, forwarding, intents and every finding. */
export interface TopologyAnalysis {
    /** The route engine's result over the topology as Azure would accept it (docs/semantics.md §1). */
    readonly routing: RoutingResult;
    /** The forwarding model over `routing` (docs/semantics.md §6). */
    readonly forwarding: Forwarding;
    /** Every intent, traced (docs/semantics.md §6.8), in file order. */
    readonly intents: readonly IntentResult[];
    /** Configuration, routing, forwarding (when asked for) and intent findings, in that order. */
    readonly findings: readonly Finding[];
    /** What Azure admits of the configuration, as the engine took it. */
    readonly admission: Admission;
}

/**
 * The analysis of one topology, step by step (a pause between steps, in which the workspace
 * analysis lets a newer edit cancel it). Configuration that Azure rejects does not exist in the
 * simulation: the checks decide which sessions are down and which peering flags count as false,
 * then the engine runs once, and the routing codes read its recorded reasons.
 * @param options.forwardingChecks whether to run `forwarding-loop` and `asymmetric-path` (docs/semantics.md §6.9),
 *   which walk every VM to every site prefix: the quick fixes' what-if leaves them out (warnings block no fix)
 */
export function* topologyAnalysisSteps(topology: Topology, settings: AnalysisSettings,
    options: { readonly forwardingChecks: boolean }): Generator<void, TopologyAnalysis, void> {
    const configFindings = runTopologyChecks(topology, settings);
    const admission = admissionFrom(topology, configFindings);
    yield;
    const routing = computeRouting(topology, {
        routesPerPeer: settings.routesPerPeer,
        downSessions: admission.downSessions,
        ignoredFlags: admission.ignoredFlags
    });
    yield;
    const routingFindings = runRoutingChecks(topology, routing, settings);
    yield;
    const forwarding = new Forwarding(topology, routing);
    const forwardingFindings = options.forwardingChecks ? checkForwarding(topology, forwarding) : [];
    const intents = evaluateIntents(topology, forwarding);
    return { routing, forwarding, intents, admission, findings: [...configFindings, ...routingFindings, ...forwardingFindings, ...checkIntents(intents)] };
}

/** `topologyAnalysisSteps` run to the end at once. */
export function analyseTopology(topology: Topology, settings: AnalysisSettings, options: { readonly forwardingChecks: boolean }): TopologyAnalysis {
    const steps = topologyAnalysisSteps(topology, settings, options);
    for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
    }
}
