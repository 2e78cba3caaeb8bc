import type { Topology } from '../model/topology.js';
import { propagate, type PropagationInput } from './bgp-propagation.js';
import { Domains } from './domains.js';
import { EffectiveRoutes } from './effective-routes.js';
import { Programming } from './programming.js';
import { buildRibs } from './rib.js';
import { DEFAULT_MAX_ROUNDS, DEFAULT_ROUTES_PER_PEER } from './settings.js';
import { buildSpeakerGraph } from './speakers.js';
import type { RoutingOptions, RoutingResult } from './types.js';

/**
 * The route engine: Topology in, RIBs, programmed routes and effective route tables out
 * (docs/semantics.md). Pure and deterministic; compute once per build and share the result.
 */

export * from './types.js';
export { toAzJson, formatRouteTable, type AzEffectiveRoute, type AzEffectiveRouteTable } from './format.js';
export { sessionId } from './session-ids.js';
export { AZURE_ASN, MSEE_ASN, MAX_ROUTE_SERVER_PEERS } from './speakers.js';

export { DEFAULT_ROUTES_PER_PEER, DEFAULT_MAX_ROUNDS, DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';

export function computeRouting(topology: Topology, options: RoutingOptions = { routesPerPeer: DEFAULT_ROUTES_PER_PEER }): RoutingResult {
    const domains = new Domains(topology, options);
    const graph = buildSpeakerGraph(topology, options);
    const input: PropagationInput = {
        graph, domains,
        routesPerPeer: options.routesPerPeer,
        maxRounds: Math.max(0, options.maxRounds ?? DEFAULT_MAX_ROUNDS)
    };
    const state = propagate(input);
    const ribs = buildRibs(input, state);
    const programming = new Programming(graph, state, ribs, domains);
    const tables = new EffectiveRoutes(domains, programming);
    return {
        converged: state.converged,
        rounds: state.rounds,
        maxRounds: input.maxRounds,
        get speakers() {
            return ribs.ribs();
        },
        sessions: ribs.sessions,
        downSessions: ribs.sessions.filter(s => !s.up),
        routeLimitTeardowns: ribs.teardowns,
        programs: programming.programs,
        rib: speaker => ribs.ribOf(speaker),
        session: statement => ribs.sessionOfStatement.get(statement),
        program: by => programming.program(by),
        programmedInto: vnet => programming.programmedInto(vnet),
        effectiveRoutes: subnet => tables.effectiveRoutes(subnet),
        lookup: (subnet, address) => tables.lookup(subnet, address)
    };
}
