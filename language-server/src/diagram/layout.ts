import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ELKConstructorArguments, ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DiagramEdge, DiagramLabel, DiagramModel, DiagramNode } from './diagram-model.js';
import { FONT_SIZE, LINE_HEIGHT, textWidth } from './text-metrics.js';

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
const KIND_RANK: Record<string, number> = { onprem: 0, vnet: 0, gateway: 1, routeServer: 2, firewall: 3, nva: 3, vm: 4 };

// The bundled build is CommonJS: under Node's ESM the default import is the constructor itself,
// while its typings describe `{ default: constructor }`.
type ElkConstructor = new (args?: ELKConstructorArguments) => ELK;
const ElkClass = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;
let sharedElk: ELK | undefined;

/** Gaps between the children of a VNet laid out in rows, and between the cells of a spoke block. */
const GRID = { gapX: 12, gapY: 10, vnetGap: 12 } as const;
const BLOCK = { bus: 16, busX: 8, gapX: 24, gapY: 14, channelY: 3, labelsY: 8, drop: 10, labelX: 18, labelGap: 2 } as const;
/** Width over height aimed at when choosing the columns of spoke blocks. */
const TARGET_ASPECT = 1.6;
const MAX_BLOCK_COLUMNS = 24;
/** Hub-to-hub peerings leave a hub this far from its left side. */
const HUB_LANE = 28;
const LAYER_GAP = 48;

interface Size { readonly width: number; readonly height: number }

/** Children laid out in rows of at most `columns`, relative to the grid's top left corner. */
interface Grid extends Size { readonly at: ReadonlyMap<string, Point> }

interface Cell { readonly spoke: string; readonly edge?: DiagramEdge; readonly width: number; readonly height: number; readonly spokeY: number }

/** Spokes that peer only with `hub` (or with nothing), drawn as one ELK node holding a grid of cells. */
interface Block extends Size {
    readonly id: string;
    readonly hub?: string;
    readonly cells: readonly Cell[];
    /** Cell origins relative to the block. */
    readonly at: ReadonlyMap<string, Point>;
}

interface Plan {
    readonly nodesById: ReadonlyMap<string, DiagramNode>;
    /** Children ELK places, per VNet. */
    readonly elkChildren: ReadonlyMap<string, readonly DiagramNode[]>;
    /** Children placed in rows, per VNet. */
    readonly grids: ReadonlyMap<string, Grid>;
    /** Sizes of the VNets whose children are all in rows. */
    readonly sizes: ReadonlyMap<string, Size>;
    readonly blocks: readonly Block[];
    readonly blockOf: ReadonlyMap<string, Block>;
    /** Peerings between two hubs, routed here rather than by ELK (which would put one hub after the other). */
    readonly hubLinks: readonly DiagramEdge[];
    /** Room under a hub for the labels of its hub-to-hub peerings. */
    readonly hubMargins: ReadonlyMap<string, number>;
}

export async function layoutDiagram(model: DiagramModel): Promise<DiagramLayout> {
    sharedElk ??= new ElkClass();
    const plan = planLayout(model);
    const reversed = new Set<string>();
    const graph = toElkGraph(model, plan, reversed);
    const result = await sharedElk.layout(graph);
    return fromElkGraph(result, model, plan, reversed);
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

function leafSize(node: DiagramNode): Size {
    return {
        width: Math.max(node.kind === 'onprem' ? NODE_METRICS.minSiteWidth : NODE_METRICS.minLeafWidth, headerWidth(node)),
        height: headerHeight(node)
    };
}

/** Column count for `n` children in rows: about twice as many columns as rows, since leaves are wide. */
function gridColumns(n: number): number {
    return Math.max(1, Math.min(n, Math.round(Math.sqrt(2 * n))));
}

function gridOf(nodes: readonly DiagramNode[], sizeOf: (n: DiagramNode) => Size): Grid {
    const columns = gridColumns(nodes.length);
    const sizes = nodes.map(sizeOf);
    const colW: number[] = [], rowH: number[] = [];
    sizes.forEach((s, i) => {
        const c = i % columns, r = Math.floor(i / columns);
        colW[c] = Math.max(colW[c] ?? 0, s.width);
        rowH[r] = Math.max(rowH[r] ?? 0, s.height);
    });
    const colX = offsets(colW, GRID.gapX), rowY = offsets(rowH, GRID.gapY);
    const at = new Map<string, Point>();
    nodes.forEach((n, i) => at.set(n.id, { x: colX[i % columns], y: rowY[Math.floor(i / columns)] }));
    return { width: span(colW, GRID.gapX), height: span(rowH, GRID.gapY), at };
}

function offsets(sizes: readonly number[], gap: number): number[] {
    const out: number[] = [];
    let x = 0;
    for (const s of sizes) { out.push(x); x += s + gap; }
    return out;
}

function span(sizes: readonly number[], gap: number): number {
    return sizes.length ? sizes.reduce((a, b) => a + b, 0) + (sizes.length - 1) * gap : 0;
}

function vnetTop(node: DiagramNode): number {
    return headerHeight(node) + 4;
}

function planLayout(model: DiagramModel): Plan {
    const nodesById = new Map(model.nodes.map(n => [n.id, n]));
    const children = new Map<string, DiagramNode[]>();
    for (const n of model.nodes) {
        if (!n.parent) continue;
        const list = children.get(n.parent);
        if (list) list.push(n);
        else children.set(n.parent, [n]);
    }
    const top = (id: string) => nodesById.get(id)?.parent ?? id;
    const isHub = (id: string) => nodesById.get(id)?.kind === 'vnet' && nodesById.get(id)?.role === 'hub';
    const touching = new Map<string, DiagramEdge[]>();
    const incident = new Set<string>();
    for (const e of model.edges) {
        incident.add(e.source).add(e.target);
        for (const end of new Set([top(e.source), top(e.target)])) {
            const list = touching.get(end);
            if (list) list.push(e);
            else touching.set(end, [e]);
        }
    }
    const hubLinks = model.edges.filter(e => e.kind === 'peering' && isHub(e.source) && isHub(e.target) && e.source !== e.target);

    // Spokes with one peering to a hub (or none at all, grouped last) go into that hub's block; so
    // does a hub without any line to draw, which would otherwise lengthen the hub column.
    const blockSpokes = new Map<string, string[]>();
    const blockKeyOf = new Map<string, string>();
    for (const n of model.nodes) {
        if (n.kind !== 'vnet' || n.parent) continue;
        const edges = touching.get(n.id) ?? [];
        if (n.role === 'hub' && edges.length > 0) continue;
        let key: string | undefined;
        if (edges.length === 0) key = '';
        else if (edges.length === 1 && edges[0].kind === 'peering') {
            const other = edges[0].source === n.id ? edges[0].target : edges[0].source;
            if (other !== n.id && isHub(other)) key = other;
        }
        if (key === undefined) continue;
        blockKeyOf.set(n.id, key);
        const list = blockSpokes.get(key);
        if (list) list.push(n.id);
        else blockSpokes.set(key, [n.id]);
    }

    const elkChildren = new Map<string, DiagramNode[]>();
    const grids = new Map<string, Grid>();
    const sizes = new Map<string, Size>();
    const pad = NODE_METRICS.containerPadding;
    for (const n of model.nodes) {
        if (n.kind !== 'vnet') continue;
        const kids = children.get(n.id) ?? [];
        const inRows = blockKeyOf.has(n.id) ? kids : kids.filter(c => c.kind === 'vm' && !incident.has(c.id));
        const rest = kids.filter(c => !inRows.includes(c));
        elkChildren.set(n.id, rest);
        if (inRows.length) grids.set(n.id, gridOf(inRows, leafSize));
        if (!rest.length) {
            const grid = grids.get(n.id);
            sizes.set(n.id, {
                width: Math.max(headerWidth(n), grid ? grid.width + 2 * pad : 0),
                height: grid ? vnetTop(n) + grid.height + pad : headerHeight(n) + 24
            });
        }
    }

    // Cells: the spoke under the labels of its peering, with a channel on top for the line.
    const labelH = LINE_HEIGHT.label + 2;
    const cellsByKey = new Map<string, Cell[]>();
    for (const [key, spokes] of blockSpokes) {
        cellsByKey.set(key, spokes.map(spoke => {
            const edge = (touching.get(spoke) ?? [])[0];
            const labels = edge?.labels ?? [];
            const size = sizes.get(spoke)!;
            const spokeY = BLOCK.labelsY + labels.length * (labelH + BLOCK.labelGap) + (labels.length ? 4 : 0);
            const labelW = Math.max(0, ...labels.map(l => labelSize(l).width));
            return { spoke, ...(edge ? { edge } : {}), width: Math.max(size.width, labels.length ? BLOCK.labelX + labelW : 0), height: spokeY + size.height, spokeY };
        }));
    }
    const columns = blockColumns(model, cellsByKey, sizes, elkChildren);
    const blocks: Block[] = [];
    const blockOf = new Map<string, Block>();
    for (const [key, cells] of cellsByKey) {
        const block = blockGrid(key ? `block:${key}` : 'block:unpeered', key || undefined, cells, columns);
        blocks.push(block);
        for (const c of cells) blockOf.set(c.spoke, block);
    }

    const hubMargins = new Map<string, number>();
    for (const e of hubLinks) {
        const upper = e.source; // refined after layout; reserve room under both ends
        for (const id of [upper, e.target]) hubMargins.set(id, (hubMargins.get(id) ?? 12) + e.labels.length * (labelH + BLOCK.labelGap));
    }
    return { nodesById, elkChildren, grids, sizes, blocks, blockOf, hubLinks, hubMargins };
}

function blockGrid(id: string, hub: string | undefined, cells: readonly Cell[], columns: number): Block {
    const c = Math.max(1, Math.min(columns, cells.length));
    const colW: number[] = [], rowH: number[] = [];
    cells.forEach((cell, i) => {
        const col = i % c, row = Math.floor(i / c);
        colW[col] = Math.max(colW[col] ?? 0, cell.width);
        rowH[row] = Math.max(rowH[row] ?? 0, cell.height);
    });
    const colX = offsets(colW, BLOCK.gapX), rowY = offsets(rowH, BLOCK.gapY);
    const at = new Map<string, Point>();
    cells.forEach((cell, i) => at.set(cell.spoke, { x: BLOCK.bus + colX[i % c], y: rowY[Math.floor(i / c)] }));
    return { id, ...(hub ? { hub } : {}), cells, at, width: BLOCK.bus + span(colW, BLOCK.gapX), height: span(rowH, BLOCK.gapY) };
}

/**
 * One column count for every block (so that they line up), chosen for a drawing about
 * `TARGET_ASPECT` wide: the core's width is estimated from the widest site, hub and other VNet.
 */
function blockColumns(model: DiagramModel, cellsByKey: ReadonlyMap<string, readonly Cell[]>, sizes: ReadonlyMap<string, Size>,
    elkChildren: ReadonlyMap<string, readonly DiagramNode[]>): number {
    const most = Math.max(0, ...[...cellsByKey.values()].map(c => c.length));
    if (most <= 1) return 1;
    const layerWidth = (pick: (n: DiagramNode) => boolean) => {
        const widths = model.nodes.filter(n => !n.parent && pick(n)).map(n => {
            const kids = elkChildren.get(n.id) ?? [];
            if (n.kind !== 'vnet') return leafSize(n).width;
            if (!kids.length) return sizes.get(n.id)?.width ?? 0;
            const kinds = new Map<string, number>();
            for (const k of kids) kinds.set(k.kind, Math.max(kinds.get(k.kind) ?? 0, leafSize(k).width));
            return [...kinds.values()].reduce((a, b) => a + b + LAYER_GAP, 2 * NODE_METRICS.containerPadding);
        });
        return widths.length ? Math.max(...widths) + LAYER_GAP : 0;
    };
    const core = 32 + layerWidth(n => n.kind === 'onprem') + layerWidth(n => n.role === 'hub') + layerWidth(n => n.kind === 'vnet' && n.role !== 'hub' && !sizes.has(n.id));
    let best = 1, bestScore = Infinity;
    for (let c = 1; c <= Math.min(most, MAX_BLOCK_COLUMNS); c++) {
        const blocks = [...cellsByKey.values()].map(cells => blockGrid('', undefined, cells, c));
        const width = core + Math.max(...blocks.map(b => b.width));
        const height = 32 + blocks.reduce((a, b) => a + b.height, 0) + 28 * (blocks.length - 1);
        const score = Math.abs(Math.log(width / height / TARGET_ASPECT));
        if (score < bestScore - 1e-9) { best = c; bestScore = score; }
    }
    return best;
}

function toElkGraph(model: DiagramModel, plan: Plan, reversed: Set<string>): ElkNode {
    const { nodesById } = plan;
    const elkNodes = new Map<string, ElkNode>();
    const top: ElkNode[] = [];
    const pad = NODE_METRICS.containerPadding;
    const placedBlocks = new Set<string>();
    for (const node of model.nodes) {
        const block = plan.blockOf.get(node.id);
        if (block) {
            if (placedBlocks.has(block.id)) continue;
            placedBlocks.add(block.id);
            const blockNode: ElkNode = { id: block.id, width: block.width, height: block.height, layoutOptions: {} };
            if (!block.hub) blockNode.layoutOptions = { 'elk.layered.layering.layerConstraint': 'LAST' };
            elkNodes.set(block.id, blockNode);
            top.push(blockNode);
            continue;
        }
        if (node.parent && (plan.blockOf.has(node.parent) || !plan.elkChildren.get(node.parent)?.includes(node))) continue;
        const elkNode: ElkNode = { id: node.id, layoutOptions: node.kind === 'onprem' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {} };
        if (node.kind === 'vnet') {
            const margin = plan.hubMargins.get(node.id);
            const marginOption: Record<string, string> = margin ? { 'elk.margins': `[top=0,left=0,bottom=${margin},right=0]` } : {};
            const size = plan.sizes.get(node.id);
            if (size) {
                elkNode.width = size.width;
                elkNode.height = size.height;
                elkNode.layoutOptions = marginOption;
            } else {
                const grid = plan.grids.get(node.id);
                const minWidth = Math.max(headerWidth(node), grid ? grid.width + 2 * pad : 0);
                const minHeight = headerHeight(node) + 24;
                elkNode.children = [];
                elkNode.layoutOptions = {
                    'elk.padding': `[top=${vnetTop(node)},left=${pad},bottom=${pad + (grid ? grid.height + GRID.vnetGap : 0)},right=${pad}]`,
                    'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                    'elk.nodeSize.minimum': `(${minWidth}, ${minHeight})`,
                    ...marginOption
                };
            }
        } else {
            const size = leafSize(node);
            elkNode.width = size.width;
            elkNode.height = size.height;
        }
        elkNodes.set(node.id, elkNode);
        const parent = node.parent ? elkNodes.get(node.parent) : undefined;
        if (parent) parent.children!.push(elkNode);
        else top.push(elkNode);
    }
    const hubLinks = new Set(plan.hubLinks.map(e => e.id));
    const edges: ElkExtendedEdge[] = [];
    for (const edge of model.edges) {
        if (hubLinks.has(edge.id) || !elkNodes.has(edge.source) || !elkNodes.has(edge.target)) continue;
        const flip = compareRank(rank(nodesById.get(edge.source), nodesById), rank(nodesById.get(edge.target), nodesById)) > 0;
        if (flip) reversed.add(edge.id);
        edges.push({
            id: edge.id,
            sources: [flip ? edge.target : edge.source],
            targets: [flip ? edge.source : edge.target],
            labels: edge.labels.map(l => elkLabel(l, flip))
        });
    }
    for (const block of plan.blocks) {
        if (block.hub && elkNodes.has(block.hub)) edges.push({ id: trunkId(block), sources: [block.hub], targets: [block.id] });
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
            'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
            'elk.layered.spacing.edgeNodeBetweenLayers': '20',
            'elk.padding': '[top=16,left=16,bottom=16,right=16]',
            'elk.randomSeed': '1'
        },
        children: top,
        edges
    };
}

function trunkId(block: Block): string {
    return `trunk:${block.id}`;
}

function elkLabel(label: DiagramLabel, flip: boolean): ElkLabel {
    const placement = label.placement === 'center' ? 'CENTER'
        : (label.placement === 'head') !== flip ? 'HEAD' : 'TAIL';
    return { id: label.id, text: label.text, ...labelSize(label), layoutOptions: { 'elk.edgeLabels.placement': placement } };
}

function fromElkGraph(root: ElkNode, model: DiagramModel, plan: Plan, reversed: ReadonlySet<string>): DiagramLayout {
    const nodes: Record<string, Box> = {};
    const blockBoxes = new Map<string, Box>();
    const blockIds = new Set(plan.blocks.map(b => b.id));
    const visit = (n: ElkNode): void => {
        for (const c of n.children ?? []) {
            const box = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
            if (blockIds.has(c.id)) blockBoxes.set(c.id, box);
            else nodes[c.id] = box;
            visit(c);
        }
    };
    visit(root);
    const pad = NODE_METRICS.containerPadding;
    const placeRows = (vnet: DiagramNode, box: Box) => {
        const grid = plan.grids.get(vnet.id);
        if (!grid) return;
        const y = plan.sizes.has(vnet.id) ? box.y + vnetTop(vnet) : box.y + box.height - pad - grid.height;
        for (const [id, p] of grid.at) {
            const size = leafSize(plan.nodesById.get(id)!);
            nodes[id] = { x: box.x + pad + p.x, y: y + p.y, ...size };
        }
    };
    for (const block of plan.blocks) {
        const b = blockBoxes.get(block.id);
        if (!b) continue;
        for (const cell of block.cells) {
            const at = block.at.get(cell.spoke)!;
            nodes[cell.spoke] = { x: b.x + at.x, y: b.y + at.y + cell.spokeY, ...plan.sizes.get(cell.spoke)! };
        }
    }
    for (const n of model.nodes) if (n.kind === 'vnet' && nodes[n.id]) placeRows(n, nodes[n.id]);

    const edgesById = new Map(model.edges.map(e => [e.id, e] as [string, DiagramEdge]));
    const edges: Record<string, EdgeLayout> = {};
    const trunks = new Map<string, Point[]>();
    const collect = (n: ElkNode): void => {
        for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
            let points: Point[] = [];
            for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
            points = points.map(p => ({ x: p.x, y: p.y }));
            if (e.id.startsWith('trunk:')) { trunks.set(e.id, points); continue; }
            if (!edgesById.has(e.id)) continue;
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
    keepNameOrder(model, plan, nodes, edges);

    const labelH = LINE_HEIGHT.label + 2;
    for (const block of plan.blocks) {
        const b = blockBoxes.get(block.id);
        const trunk = trunks.get(trunkId(block));
        if (!b) continue;
        for (const cell of block.cells) {
            if (!cell.edge) continue;
            const spoke = nodes[cell.spoke];
            const at = block.at.get(cell.spoke)!;
            const hub = nodes[cell.edge.source === cell.spoke ? cell.edge.target : cell.edge.source];
            const start = trunk?.length ? trunk : hub ? [{ x: hub.x + hub.width, y: hub.y + hub.height / 2 }, { x: b.x, y: hub.y + hub.height / 2 }] : [];
            const end = start[start.length - 1] ?? { x: b.x, y: b.y };
            const busX = b.x + BLOCK.busX, channelY = b.y + at.y + BLOCK.channelY, dropX = spoke.x + BLOCK.drop;
            let points = tidy([...start, { x: busX, y: end.y }, { x: busX, y: channelY }, { x: dropX, y: channelY }, { x: dropX, y: spoke.y }]);
            if (cell.edge.source === cell.spoke) points = points.reverse();
            const labels: Record<string, Box> = {};
            cell.edge.labels.forEach((l, i) => {
                labels[l.id] = { x: spoke.x + BLOCK.labelX, y: b.y + at.y + BLOCK.labelsY + i * (labelH + BLOCK.labelGap), ...labelSize(l) };
            });
            edges[cell.edge.id] = { points, labels };
        }
    }
    routeHubLinks(plan, nodes, edges);

    let width = root.width ?? 0, height = root.height ?? 0;
    const grow = (x: number, y: number) => { width = Math.max(width, x + 16); height = Math.max(height, y + 16); };
    for (const box of Object.values(nodes)) grow(box.x + box.width, box.y + box.height);
    for (const e of Object.values(edges)) {
        for (const p of e.points) grow(p.x, p.y);
        for (const l of Object.values(e.labels)) grow(l.x + l.width, l.y + l.height);
    }
    return { width, height, nodes, edges };
}

/**
 * ELK sometimes stacks interchangeable siblings (NVAs of one hub, each peering the same route
 * server) against their name order. When the siblings of one kind in one column have the same size
 * and the same neighbours, their places and the routes of their edges are handed out again in name order.
 */
function keepNameOrder(model: DiagramModel, plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
    const incident = new Map<string, DiagramEdge[]>();
    for (const e of model.edges) for (const end of [e.source, e.target]) incident.set(end, [...(incident.get(end) ?? []), e]);
    const signature = (id: string) => (incident.get(id) ?? []).map(e => `${e.kind}:${e.source === id ? '>' : '<'}${e.source === id ? e.target : e.source}`).sort().join('|');
    for (const [vnet, kids] of plan.elkChildren) {
        const groups = new Map<string, DiagramNode[]>();
        for (const k of kids) {
            const box = nodes[k.id];
            if (!box) continue;
            const key = `${k.kind}@${Math.round(box.x)}:${Math.round(box.width)}x${Math.round(box.height)}/${signature(k.id)}`;
            groups.set(key, [...(groups.get(key) ?? []), k]);
        }
        void vnet;
        for (const group of groups.values()) {
            if (group.length < 2) continue;
            const byName = [...group].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
            const byY = [...group].sort((a, b) => nodes[a.id].y - nodes[b.id].y);
            if (byName.every((n, i) => n === byY[i])) continue;
            const boxes = byY.map(n => nodes[n.id]);
            const routes = byY.map(n => new Map((incident.get(n.id) ?? []).map(e => [e.source === n.id ? e.target : e.source, edges[e.id]] as const)));
            byName.forEach((n, i) => {
                nodes[n.id] = boxes[i];
                for (const e of incident.get(n.id) ?? []) {
                    const route = routes[i].get(e.source === n.id ? e.target : e.source);
                    if (!route) continue;
                    const sameDirection = (incident.get(byY[i].id) ?? []).some(o => (o.source === byY[i].id) === (e.source === n.id));
                    const points = sameDirection ? route.points : [...route.points].reverse();
                    const spots = Object.values(route.labels);
                    const labels: Record<string, Box> = {};
                    e.labels.forEach((l, j) => {
                        const spot = spots[j];
                        if (spot) labels[l.id] = { x: spot.x, y: spot.y, ...labelSize(l) };
                    });
                    edges[e.id] = { points, labels };
                }
            });
        }
    }
}

/**
 * Hub-to-hub peerings: straight down the gap between two hubs one above the other, with the
 * labels in the room ELK left under the upper one; around the left of the hub column when other
 * hubs stand between them.
 */
function routeHubLinks(plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
    const labelH = LINE_HEIGHT.label + 2;
    const hubs = [...new Set(plan.hubLinks.flatMap(e => [e.source, e.target]))].filter(id => nodes[id]);
    const left = Math.min(...hubs.map(id => nodes[id].x));
    const fromHub = new Map<string, number>();
    const labelsUnder = new Map<string, number>();
    let around = 0;
    for (const e of plan.hubLinks) {
        const a = nodes[e.source], b = nodes[e.target];
        if (!a || !b) continue;
        const [upperId, upper, lower] = a.y <= b.y ? [e.source, a, b] : [e.target, b, a];
        const k = fromHub.get(upperId) ?? 0;
        fromHub.set(upperId, k + 1);
        const between = hubs.some(id => {
            const h = nodes[id];
            return h !== upper && h !== lower && h.y >= upper.y + upper.height && h.y + h.height <= lower.y
                && h.x < Math.max(upper.x + upper.width, lower.x + lower.width) && h.x + h.width > Math.min(upper.x, lower.x);
        });
        const bottom = upper.y + upper.height;
        let points: Point[];
        if (!between) {
            const x = Math.max(upper.x, lower.x) + HUB_LANE + 10 * k;
            const x2 = lower.x + HUB_LANE + 10 * k;
            points = tidy([{ x, y: bottom }, { x, y: lower.y - 6 }, { x: x2, y: lower.y - 6 }, { x: x2, y: lower.y }]);
        } else {
            const lane = left - 10 - 8 * around++;
            const y1 = upper.y + upper.height - 12 - 6 * k, y2 = lower.y + 12 + 6 * k;
            points = [{ x: upper.x, y: y1 }, { x: lane, y: y1 }, { x: lane, y: y2 }, { x: lower.x, y: y2 }];
        }
        if (upper !== a) points.reverse();
        const others = Math.max(0, plan.hubLinks.filter(l => l.source === upperId || l.target === upperId).length - 1);
        const labelX = (between ? upper.x : Math.max(upper.x, lower.x)) + HUB_LANE + 10 * others + 10;
        const labels: Record<string, Box> = {};
        for (const l of e.labels) {
            const i = labelsUnder.get(upperId) ?? 0;
            labelsUnder.set(upperId, i + 1);
            labels[l.id] = { x: labelX, y: bottom + 6 + i * (labelH + BLOCK.labelGap), ...labelSize(l) };
        }
        edges[e.id] = { points, labels };
    }
}

/** Drops repeated points and the middle of three points on one horizontal or vertical line. */
function tidy(points: readonly Point[]): Point[] {
    const out: Point[] = [];
    for (const p of points) {
        const last = out[out.length - 1];
        if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
        const prev = out[out.length - 2];
        if (prev && last && ((Math.abs(prev.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) || (Math.abs(prev.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))) out.pop();
        out.push(p);
    }
    return out.length >= 2 ? out : [...points.slice(0, 1), ...points.slice(-1)];
}
