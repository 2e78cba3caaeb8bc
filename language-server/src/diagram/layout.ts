import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';
import type { DiagramModel } from './diagram-model.js';
import { fromElkGraph, toElkGraph } from './layout-elk-graph.js';
import { planLayout } from './layout-plan.js';

export { headerHeight, labelSize, NODE_METRICS } from './layout-metrics.js';

/**
 * Positions for a diagram model. The core of the picture is laid out with ELK's layered algorithm,
 * left to right: on-premises sites first, hubs in the middle (one column, in name order), then
 * the VNets that ELK must route into (spokes with BGP sessions, dual-homed spokes...). VNets are
 * compound nodes holding their route server, gateways and NVAs.
 *
 * What would make the picture one endless column is placed here instead, in wrapped grids:
 * - the spokes that only peer with one hub form a block per hub, an ELK node in the last layer
 *   next to its hub; ELK routes one trunk from the hub to the block, and each peering follows it,
 *   then a bus down the block's left side and the channel above the spoke's row;
 * - the children of such a spoke, and the VMs of any VNet (they have no edges), fill rows in
 *   model order (kind, then name) under the VNet's header or its ELK content.
 * Hub-to-hub peerings run down the gap between the hubs, which ELK leaves as a node margin.
 * Inputs are ordered by kind and name and ELK keeps that order (`considerModelOrder`); the grids
 * depend only on the model, so the layout is deterministic and a small edit moves little.
 * Every coordinate is absolute. Uses ELK's bundled build, which runs the same in Node and in the browser.
 */
export interface Point { readonly x: number; readonly y: number }
export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

export interface EdgeLayout {
    /** The route, first point at the edge's `source` node. */
    readonly points: readonly Point[];
    /** Label boxes by label id. */
    readonly labels: Readonly<Record<string, Box>>;
}

export interface DiagramLayout {
    readonly width: number;
    readonly height: number;
    readonly nodes: Readonly<Record<string, Box>>;
    readonly edges: Readonly<Record<string, EdgeLayout>>;
}

// The bundled build is CommonJS: under Node's ESM the default import is the constructor itself,
// while its typings describe `{ default: constructor }`.
type ElkConstructor = new (args?: ELKConstructorArguments) => ELK;
const ElkClass = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;
let sharedElk: ELK | undefined;

export async function layoutDiagram(model: DiagramModel): Promise<DiagramLayout> {
    sharedElk ??= new ElkClass();
    const plan = planLayout(model);
    const reversed = new Set<string>();
    const graph = toElkGraph(model, plan, reversed);
    const result = await sharedElk.layout(graph);
    return fromElkGraph(result, model, plan, reversed);
}
