import type { Topology } from '../model/topology.js';
import { userRouteProblem } from '../model/user-route.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { propertyRef } from './topology-queries.js';

/**
 * invalid-route: a user-defined route Azure would refuse (docs/language.md §2: `nextHop` is required for
 * `VirtualAppliance` and forbidden otherwise; a route needs a prefix and a next hop type). The route
 * engine leaves such a route out, as Azure would.
 */
export function checkRouteTables(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const table of topology.routeTables) {
        for (const route of table.routes) {
            const problem = userRouteProblem(route);
            if (!problem) continue;
            const name = `Route '${route.name}' of route table '${table.name}'`;
            const [message, at] =
                problem === 'missing-prefix' ? [`${name} has no prefix; add one, e.g. prefix: 10.0.0.0/16.`, route.source]
                : problem === 'missing-next-hop-type' ? [`${name} has no nextHopType; add one of VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet, None.`, route.source]
                : problem === 'missing-next-hop' ? [`${name} has nextHopType VirtualAppliance but no nextHop; add nextHop: <NVA name or IP>.`, propertyRef(route, 'nextHopType')]
                : [`${name} has nextHopType ${route.nextHopType}, which takes no nextHop; remove the nextHop or use VirtualAppliance.`, propertyRef(route, route.refs.nextHop ? 'nextHop' : 'nextHopIp')];
            findings.push(finding({ code: IssueCodes.InvalidRoute, message, at, target: route, data: { problem } }));
        }
    }
    return findings;
}
