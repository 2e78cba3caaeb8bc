import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';
import type { DiagramModel } from './diagram-model.js';
import { fromElkGraph, toElkGraph } from './layout-elk-graph.js';
import { planLayout } from './layout-plan.js';

export { headerHeight, labelSize, NODE_METRICS } from './layout-metrics.js';

/**
 * Positions for a diagram model, top-down so that the drawing fits a side panel beside the editor
 * (issue 15): on-premises sites in the first row, hubs in the next (one row, in name order), then
 * the VNets that ELK must route into (spokes with BGP sessions, dual-homed spokes...). The core of
 * the picture is laid out with ELK's layered algorithm; VNets are compound nodes holding their
 * gateways, route servers and NVAs, which ELK stacks in that order.
 *
 * What would make the picture one endless row is placed here instead, in wrapped grids:
 * - the spokes that only peer with one hub form a block per hub, an ELK node in the last layer
 *   under its hub; ELK routes one trunk from the hub to the block's top left corner, and each
 *   peering follows it, then a bus down the block's left side and the channel above the spoke's row;
 * - the children of such a spoke, and the VMs of any VNet (they have no edges), fill rows in
 *   model order (kind, then name) under the VNet's header or its ELK content.
 * Hub-to-hub peerings run across the gap between the hubs, which ELK leaves as a node margin.
 * Inputs are ordered by kind and name and ELK keeps that order (`considerModelOrder`); the grids
 * depend only on the model, so the layout is deterministic and a small edit moves little.
 * Every coordinate is absolute, in px. Uses ELK's bundled build, which runs the same in Node and in the browser.
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
let transposed: Promise<boolean> | undefined;

/** Lays a diagram model out; the same model always gives the same layout. */
export async function layoutDiagram(model: DiagramModel): Promise<DiagramLayout> {
    sharedElk ??= new ElkClass();
    transposed ??= minimumSizeTransposed(sharedElk);
    const plan = planLayout(model);
    const reversed = new Set<string>();
    const graph = toElkGraph(model, plan, reversed, await transposed);
    const result = await sharedElk.layout(graph);
    return fromElkGraph(result, model, plan, reversed);
}

/**
 * Whether `elk` applies a compound node's minimum size (width, height) as (height, width) in a
 * top-down layout with `INCLUDE_CHILDREN`, as elkjs 0.12 does: a VNet would then be drawn narrower
 * than its header. Probed once on a one-node graph, so that a fixed ELK needs no change here.
 */
export async function minimumSizeTransposed(elk: ELK): Promise<boolean> {
    const probe = await elk.layout({
        id: 'probe',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
        children: [{
            id: 'vnet',
            layoutOptions: { 'elk.nodeSize.constraints': '[MINIMUM_SIZE]', 'elk.nodeSize.minimum': '(300, 20)' },
            children: [{ id: 'leaf', width: 10, height: 10 }]
        }]
    });
    return (probe.children?.[0]?.width ?? 300) < 300;
}
