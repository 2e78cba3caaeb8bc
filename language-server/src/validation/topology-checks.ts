import type { Topology } from '../model/topology.js';
import type { AnalysisSettings } from '../routing/settings.js';
import type { RoutingResult } from '../routing/index.js';
import { checkAddressing } from './addressing-checks.js';
import { checkBgp } from './bgp-checks.js';
import type { Finding } from './finding.js';
import { checkNames } from './names-checks.js';
import { checkPeerings } from './peering-checks.js';
import { checkRouteTables } from './route-table-checks.js';
import { checkRouteServers } from './route-server-checks.js';
import { checkRouting } from './routing-checks.js';
import { checkV2Elements } from './v2-element-checks.js';

/** Routing-result codes, from the route engine's recorded reasons (routing-checks.ts). */
export function runRoutingChecks(topology: Topology, routing: RoutingResult, settings: AnalysisSettings): Finding[] {
    return checkRouting(topology, routing, settings);
}

/** Runs every configuration check over the topology, in catalogue order. */
export function runTopologyChecks(topology: Topology, _settings: AnalysisSettings): Finding[] {
    return [
        ...checkNames(topology),
        ...checkAddressing(topology),
        ...checkRouteTables(topology),
        ...checkRouteServers(topology),
        ...checkBgp(topology),
        ...checkPeerings(topology),
        ...checkV2Elements(topology)
    ];
}
