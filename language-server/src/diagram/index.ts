import type { Topology } from '../model/topology.js';
import type { DiagramDiagnosticInput, DiagramModel } from './diagram-model.js';
import { buildDiagram, diagramPrefixes, normalisePrefix } from './diagram-model.js';
import type { RouteFlowSource } from './flow-source.js';
import type { RoutingResult } from '../routing/types.js';
import { isRoutingResult, routeFlowSource } from './routing-adapter.js';
import type { DiagramLayout } from './layout.js';
import { layoutDiagram } from './layout.js';
import { renderSvg } from './svg-render.js';
import { withFailure } from './failure-overlay.js';

export * from './diagram-model.js';
export * from './flow-source.js';
export * from './layout.js';
export * from './svg-render.js';
export { DIAGRAM_CSS, DIAGRAM_THEME, diagramCss } from './diagram-style.js';
export { routeFlowSource } from './routing-adapter.js';

/** The engine's result or an adapted source: either works wherever the diagram takes routing. */
export type DiagramRouting = RouteFlowSource | RoutingResult;

function flowSource(topology: Topology, routing: DiagramRouting | undefined): RouteFlowSource | undefined {
    return routing && isRoutingResult(routing) ? routeFlowSource(topology, routing) : routing;
}

/**
 * `azrs diagram <path...> -o FILE.svg [--prefix CIDR]`: the whole pipeline to a standalone SVG.
 * Throws when `prefix` is not a valid IPv4 prefix (a usage error for the CLI).
 */
export async function renderTopologySvg(topology: Topology, routingOrSource?: DiagramRouting,
    diagnostics?: readonly DiagramDiagnosticInput[], prefix?: string): Promise<string> {
    const routing = flowSource(topology, routingOrSource);
    let canonical: string | undefined;
    if (prefix !== undefined) {
        const normal = normalisePrefix(prefix);
        if ('error' in normal) throw new Error(normal.error);
        canonical = normal.prefix;
    }
    const model = buildDiagram(topology, {
        ...(routing ? { routing } : {}), ...(diagnostics ? { diagnostics } : {}), ...(canonical ? { prefix: canonical } : {})
    });
    return renderSvg(model, await layoutDiagram(model), { standalone: true });
}

/** The answer to the `azrs/diagram` request (`{uri, prefix?}`): the model, its layout and the prefixes to pick from. */
export interface DiagramResponse {
    readonly model: DiagramModel;
    readonly layout: DiagramLayout;
    readonly prefixes: readonly string[];
}

export async function diagramResponse(topology: Topology, routingOrSource?: DiagramRouting,
    diagnostics?: readonly DiagramDiagnosticInput[], prefix?: string): Promise<DiagramResponse> {
    const routing = flowSource(topology, routingOrSource);
    const model = buildDiagram(topology, {
        ...(routing ? { routing } : {}), ...(diagnostics ? { diagnostics } : {}), ...(prefix ? { prefix } : {})
    });
    return { model, layout: await layoutDiagram(model), prefixes: diagramPrefixes(topology, routing) };
}

/**
 * Failure mode (`azrs diagram --failure`, the panel's failure picker): the diagram of `failed` (the
 * topology under one failure, `routing` its routes) drawn over `written` (the topology as written),
 * what the failure took out drawn down (failure-overlay.ts). Diagnostics of the written topology do
 * not apply to the derived one and are not marked.
 */
export async function failureDiagramResponse(written: Topology, failed: Topology, routing: RoutingResult,
    failure: string, prefix?: string): Promise<DiagramResponse> {
    const source = routeFlowSource(failed, routing);
    const model = withFailure(buildDiagram(failed, { routing: source, ...(prefix ? { prefix } : {}) }), buildDiagram(written), failure);
    return { model, layout: await layoutDiagram(model), prefixes: diagramPrefixes(failed, source) };
}
