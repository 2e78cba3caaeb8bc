import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ELKConstructorArguments, ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DiagramEdge, DiagramLabel, DiagramModel, DiagramNode } from './diagram-model.js';
import { FONT_SIZE, LINE_HEIGHT, textWidth } from './text-metrics.js';

/**
 * Positions for a diagram model, computed with ELK's layered algorithm: VNets are compound nodes
 * holding their route server, gateways, NVAs and VMs; the flow runs left to right, on-premises
 * sites first, hubs in the middle, spokes last. Inputs are ordered by kind and name and ELK keeps
 * that order (`considerModelOrder`), so a small edit moves little. Every coordinate is absolute.
 * Uses ELK's bundled build, which runs the same in Node and in the browser.
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

/** Sizes shared with the renderer, which draws text where the layout made room for it. */
export const NODE_METRICS = {
    paddingX: 12,
    paddingTop: 8,
    paddingBottom: 8,
    minLeafWidth: 104,
    minSiteWidth: 130,
    containerPadding: 14,
    labelPadding: 4
} as const;

const ROLE_RANK: Record<string, number> = { hub: 1, spoke: 2, vnet: 2 };
const KIND_RANK: Record<string, number> = { onprem: 0, vnet: 0, gateway: 1, routeServer: 2, nva: 3, vm: 4 };

// The bundled build is CommonJS: under Node's ESM the default import is the constructor itself,
// while its typings describe `{ default: constructor }`.
type ElkConstructor = new (args?: ELKConstructorArguments) => ELK;
const ElkClass = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;
let sharedElk: ELK | undefined;

export async function layoutDiagram(model: DiagramModel): Promise<DiagramLayout> {
    sharedElk ??= new ElkClass();
    const nodesById = new Map(model.nodes.map(n => [n.id, n]));
    const reversed = new Set<string>();
    const graph = toElkGraph(model, nodesById, reversed);
    const result = await sharedElk.layout(graph);
    return fromElkGraph(result, model, reversed);
}

/** Height of the text block at the top of a node: name, sublabel, badges. */
export function headerHeight(node: DiagramNode): number {
    return NODE_METRICS.paddingTop + LINE_HEIGHT.name + (node.sublabel ? LINE_HEIGHT.sublabel : 0)
        + node.badges.length * LINE_HEIGHT.badge + NODE_METRICS.paddingBottom;
}

function headerWidth(node: DiagramNode): number {
    const widths = [
        textWidth(node.name, FONT_SIZE.name) + 18,
        textWidth(node.sublabel, FONT_SIZE.sublabel),
        ...node.badges.map(b => textWidth(b.text, FONT_SIZE.badge) + 12)
    ];
    return Math.max(...widths) + 2 * NODE_METRICS.paddingX;
}

export function labelSize(label: DiagramLabel): { width: number; height: number } {
    return { width: textWidth(label.text, FONT_SIZE.label) + 2 * NODE_METRICS.labelPadding, height: LINE_HEIGHT.label + 2 };
}

/** Layout rank: on-premises, then hubs, then spokes; inside a VNet gateways, route servers, NVAs, VMs. */
function rank(node: DiagramNode | undefined, nodesById: ReadonlyMap<string, DiagramNode>): [number, number, string] {
    if (!node) return [9, 9, ''];
    if (node.kind === 'onprem') return [0, 0, node.name];
    const vnet = node.kind === 'vnet' ? node : nodesById.get(node.parent ?? '');
    return [ROLE_RANK[vnet?.role ?? 'vnet'] ?? 2, KIND_RANK[node.kind] ?? 9, node.name];
}

function compareRank(a: [number, number, string], b: [number, number, string]): number {
    return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

function toElkGraph(model: DiagramModel, nodesById: ReadonlyMap<string, DiagramNode>, reversed: Set<string>): ElkNode {
    const elkNodes = new Map<string, ElkNode>();
    const top: ElkNode[] = [];
    for (const node of model.nodes) {
        const elkNode: ElkNode = { id: node.id, layoutOptions: node.kind === 'onprem' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {} };
        if (node.kind === 'vnet') {
            const pad = NODE_METRICS.containerPadding;
            const minWidth = headerWidth(node);
            const minHeight = headerHeight(node) + 24;
            elkNode.children = [];
            elkNode.layoutOptions = {
                'elk.padding': `[top=${headerHeight(node) + 4},left=${pad},bottom=${pad},right=${pad}]`,
                'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                'elk.nodeSize.minimum': `(${minWidth}, ${minHeight})`
            };
        } else {
            elkNode.width = Math.max(node.kind === 'onprem' ? NODE_METRICS.minSiteWidth : NODE_METRICS.minLeafWidth, headerWidth(node));
            elkNode.height = headerHeight(node);
        }
        elkNodes.set(node.id, elkNode);
        const parent = node.parent ? elkNodes.get(node.parent) : undefined;
        if (parent) parent.children!.push(elkNode);
        else top.push(elkNode);
    }
    const edges: ElkExtendedEdge[] = [];
    for (const edge of model.edges) {
        if (!elkNodes.has(edge.source) || !elkNodes.has(edge.target)) continue;
        const flip = compareRank(rank(nodesById.get(edge.source), nodesById), rank(nodesById.get(edge.target), nodesById)) > 0;
        if (flip) reversed.add(edge.id);
        edges.push({
            id: edge.id,
            sources: [flip ? edge.target : edge.source],
            targets: [flip ? edge.source : edge.target],
            labels: edge.labels.map(l => elkLabel(l, flip))
        });
    }
    return {
        id: 'root',
        layoutOptions: {
            'elk.algorithm': 'layered',
            'elk.direction': 'RIGHT',
            'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
            'elk.json.shapeCoords': 'ROOT',
            'elk.json.edgeCoords': 'ROOT',
            'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
            'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
            'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
            'elk.edgeRouting': 'ORTHOGONAL',
            'elk.spacing.nodeNode': '28',
            'elk.spacing.edgeNode': '16',
            'elk.spacing.edgeEdge': '12',
            'elk.spacing.edgeLabel': '4',
            'elk.spacing.labelLabel': '2',
            'elk.layered.spacing.nodeNodeBetweenLayers': '48',
            'elk.layered.spacing.edgeNodeBetweenLayers': '20',
            'elk.padding': '[top=16,left=16,bottom=16,right=16]',
            'elk.randomSeed': '1'
        },
        children: top,
        edges
    };
}

function elkLabel(label: DiagramLabel, flip: boolean): ElkLabel {
    const placement = label.placement === 'center' ? 'CENTER'
        : (label.placement === 'head') !== flip ? 'HEAD' : 'TAIL';
    return { id: label.id, text: label.text, ...labelSize(label), layoutOptions: { 'elk.edgeLabels.placement': placement } };
}

function fromElkGraph(root: ElkNode, model: DiagramModel, reversed: ReadonlySet<string>): DiagramLayout {
    const nodes: Record<string, Box> = {};
    const visit = (n: ElkNode): void => {
        for (const c of n.children ?? []) {
            nodes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
            visit(c);
        }
    };
    visit(root);
    const edgesById = new Map(model.edges.map(e => [e.id, e] as [string, DiagramEdge]));
    const edges: Record<string, EdgeLayout> = {};
    const collect = (n: ElkNode): void => {
        for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
            if (!edgesById.has(e.id)) continue;
            let points: Point[] = [];
            for (const s of e.sections ?? []) {
                points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
            }
            points = points.map(p => ({ x: p.x, y: p.y }));
            if (reversed.has(e.id)) points.reverse();
            const labels: Record<string, Box> = {};
            for (const l of e.labels ?? []) {
                if (l.id) labels[l.id] = { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 };
            }
            edges[e.id] = { points, labels };
        }
        for (const c of n.children ?? []) collect(c);
    };
    collect(root);
    return { width: root.width ?? 0, height: root.height ?? 0, nodes, edges };
}
