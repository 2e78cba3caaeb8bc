import type { Topology } from '../model/topology.js';
import type { AnalysisSettings } from '../analysis/workspace-analysis.js';
import { checkAddressing } from './addressing-checks.js';
import type { Finding } from './finding.js';
import { checkNames } from './names-checks.js';

/** Runs every check over the topology, in catalogue order. */
export function runTopologyChecks(topology: Topology, _settings: AnalysisSettings): Finding[] {
    return [
        ...checkNames(topology),
        ...checkAddressing(topology)
    ];
}
