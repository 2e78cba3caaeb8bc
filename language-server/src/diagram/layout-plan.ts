import type { DiagramEdge, DiagramModel, DiagramNode } from './diagram-model.js';
import type { Point } from './layout.js';
import { NODE_METRICS, headerHeight, headerWidth, labelSize } from './layout-metrics.js';
import { LINE_HEIGHT } from './text-metrics.js';

// The plan of a layout (layout.ts): what ELK places and what is placed here in rows (VNet children,
// blocks of one-hub spokes), every size in px.

export const ROLE_RANK: Record<string, number> = { hub: 1, spoke: 2, vnet: 2 };
export const KIND_RANK: Record<string, number> = { onprem: 0, vnet: 0, gateway: 1, routeServer: 2, firewall: 3, nva: 3, vm: 4 };

/** Gaps between the children of a VNet laid out in rows, and between the cells of a spoke block. */
export const GRID = { gapX: 12, gapY: 10, vnetGap: 12 } as const;
export const BLOCK = { bus: 16, busX: 8, gapX: 24, gapY: 14, channelY: 3, labelsY: 8, drop: 10, labelX: 18, labelGap: 2 } as const;
/** Width over height aimed at when choosing the columns of spoke blocks: a side panel's shape, beside the editor. */
export const TARGET_ASPECT = 0.8;
export const MAX_BLOCK_COLUMNS = 24;
export const LAYER_GAP = 48;
/** Hub-to-hub peerings: the first lane's depth under the hubs, the step between lanes, the room around their labels (px). */
export const HUB_LINK = { laneY: 10, laneStep: 10, labelsY: 8, bottom: 8 } as const;

export interface Size { readonly width: number; readonly height: number }

/** Children laid out in rows of at most `columns`, relative to the grid's top left corner. */
export interface Grid extends Size { readonly at: ReadonlyMap<string, Point> }

export interface Cell { readonly spoke: string; readonly edge?: DiagramEdge; readonly width: number; readonly height: number; readonly spokeY: number }

/** Spokes that peer only with `hub` (or with nothing), drawn as one ELK node holding a grid of cells. */
export interface Block extends Size {
    readonly id: string;
    readonly hub?: string;
    readonly cells: readonly Cell[];
    /** Cell origins relative to the block. */
    readonly at: ReadonlyMap<string, Point>;
}

export interface Plan {
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
    /**
     * The other lines between two hubs: a BGP session between their devices (inter-region NVAs), a
     * VNet-to-VNet connection between their gateways. Left to ELK, they would stack one hub under
     * the other; they are routed after the layout, around the devices (layout-hub-links.ts).
     */
    readonly crossHub: readonly DiagramEdge[];
    /**
     * Room (px) kept under each hub that has a hub-to-hub peering, for the peerings' lanes and
     * labels: ELK lays the hub out that much taller, and the hub is drawn without it.
     */
    readonly hubRoom: ReadonlyMap<string, number>;
}

/** Layout rank: on-premises, then hubs, then spokes; inside a VNet gateways, route servers, NVAs, VMs. */
export function rank(node: DiagramNode | undefined, nodesById: ReadonlyMap<string, DiagramNode>): [number, number, string] {
    if (!node) return [9, 9, ''];
    if (node.kind === 'onprem') return [0, 0, node.name];
    const vnet = node.kind === 'vnet' ? node : nodesById.get(node.parent ?? '');
    return [ROLE_RANK[vnet?.role ?? 'vnet'] ?? 2, KIND_RANK[node.kind] ?? 9, node.name];
}

export function compareRank(a: [number, number, string], b: [number, number, string]): number {
    return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

export function leafSize(node: DiagramNode): Size {
    return {
        width: Math.max(node.kind === 'onprem' ? NODE_METRICS.minSiteWidth : NODE_METRICS.minLeafWidth, headerWidth(node)),
        height: headerHeight(node)
    };
}

/** Column count for `n` children in rows: about twice as many columns as rows, since leaves are wide. */
export function gridColumns(n: number): number {
    return Math.max(1, Math.min(n, Math.round(Math.sqrt(2 * n))));
}

export function gridOf(nodes: readonly DiagramNode[], sizeOf: (n: DiagramNode) => Size): Grid {
    const table = rowsOf(nodes.map(sizeOf), gridColumns(nodes.length), GRID.gapX, GRID.gapY);
    const at = new Map<string, Point>();
    nodes.forEach((n, i) => at.set(n.id, table.at[i]));
    return { width: table.width, height: table.height, at };
}

/**
 * Boxes of `sizes` in rows of `columns`, each column as wide as its widest box and each row as tall
 * as its tallest, `gapX` and `gapY` px apart.
 * @returns each box's top left corner, relative to the table's, and the table's size
 */
export function rowsOf(sizes: readonly Size[], columns: number, gapX: number, gapY: number): { at: Point[]; width: number; height: number } {
    const colW: number[] = [], rowH: number[] = [];
    sizes.forEach((s, i) => {
        const c = i % columns, r = Math.floor(i / columns);
        colW[c] = Math.max(colW[c] ?? 0, s.width);
        rowH[r] = Math.max(rowH[r] ?? 0, s.height);
    });
    const colX = offsets(colW, gapX), rowY = offsets(rowH, gapY);
    return { at: sizes.map((_, i) => ({ x: colX[i % columns], y: rowY[Math.floor(i / columns)] })), width: span(colW, gapX), height: span(rowH, gapY) };
}

export function offsets(sizes: readonly number[], gap: number): number[] {
    const out: number[] = [];
    let x = 0;
    for (const s of sizes) { out.push(x); x += s + gap; }
    return out;
}

export function span(sizes: readonly number[], gap: number): number {
    return sizes.length ? sizes.reduce((a, b) => a + b, 0) + (sizes.length - 1) * gap : 0;
}

export function vnetTop(node: DiagramNode): number {
    return headerHeight(node) + 4;
}

export function planLayout(model: DiagramModel): Plan {
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
    const crossHub = model.edges.filter(e => e.kind !== 'peering' && top(e.source) !== top(e.target) && isHub(top(e.source)) && isHub(top(e.target)));

    // Spokes with one peering to a hub (or none at all, grouped last) go into that hub's block; so
    // does a hub without any line to draw, which would otherwise widen the hub row.
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
    // Which end stands left is known after layout: every hub of a peering keeps room for every label
    // a hub's peerings may stack under it, and every lane.
    const hubRoom = new Map<string, number>();
    const labelsAt = new Map<string, number>();
    for (const e of hubLinks) for (const id of [e.source, e.target]) labelsAt.set(id, (labelsAt.get(id) ?? 0) + e.labels.length);
    const room = HUB_LINK.laneY + HUB_LINK.laneStep * hubLinks.length + HUB_LINK.labelsY
        + Math.max(0, ...labelsAt.values()) * (labelH + BLOCK.labelGap) + HUB_LINK.bottom;
    for (const id of labelsAt.keys()) hubRoom.set(id, room);
    const columns = blockColumns(model, cellsByKey, sizes, elkChildren, hubRoom);
    const blocks: Block[] = [];
    const blockOf = new Map<string, Block>();
    for (const [key, cells] of cellsByKey) {
        const block = blockGrid(key ? `block:${key}` : 'block:unpeered', key || undefined, cells, columns);
        blocks.push(block);
        for (const c of cells) blockOf.set(c.spoke, block);
    }

    return { nodesById, elkChildren, grids, sizes, blocks, blockOf, hubLinks, crossHub, hubRoom };
}

export function blockGrid(id: string, hub: string | undefined, cells: readonly Cell[], columns: number): Block {
    const table = rowsOf(cells, Math.max(1, Math.min(columns, cells.length)), BLOCK.gapX, BLOCK.gapY);
    const at = new Map<string, Point>();
    cells.forEach((cell, i) => at.set(cell.spoke, { x: BLOCK.bus + table.at[i].x, y: table.at[i].y }));
    return { id, ...(hub ? { hub } : {}), cells, at, width: BLOCK.bus + table.width, height: table.height };
}

/**
 * One column count for every block (so that their rows line up), chosen for a drawing about
 * `TARGET_ASPECT` wide, the shape of a side panel: the blocks stand side by side under their hubs,
 * so the drawing is as wide as the widest of the site row, the hub row and the blocks, and as tall
 * as the site and hub rows (estimated from their tallest VNet) plus the tallest block.
 */
export function blockColumns(model: DiagramModel, cellsByKey: ReadonlyMap<string, readonly Cell[]>, sizes: ReadonlyMap<string, Size>,
    elkChildren: ReadonlyMap<string, readonly DiagramNode[]>, hubRoom: ReadonlyMap<string, number>): number {
    const most = Math.max(0, ...[...cellsByKey.values()].map(c => c.length));
    if (most <= 1) return 1;
    // ELK puts each kind of a VNet's children in a layer of its own: gateways, route servers, NVAs.
    const estimate = (n: DiagramNode): Size => {
        const kids = elkChildren.get(n.id) ?? [];
        if (n.kind !== 'vnet') return leafSize(n);
        if (!kids.length) return sizes.get(n.id) ?? leafSize(n);
        const kinds = new Map<string, { width: number; height: number }>();
        for (const k of kids) {
            const size = leafSize(k), known = kinds.get(k.kind);
            kinds.set(k.kind, { width: (known?.width ?? -NODE_METRICS.containerPadding) + size.width + NODE_METRICS.containerPadding, height: Math.max(known?.height ?? 0, size.height) });
        }
        const rows = [...kinds.values()];
        return {
            width: Math.max(...rows.map(r => r.width)) + 2 * NODE_METRICS.containerPadding,
            height: rows.reduce((a, r) => a + r.height + LAYER_GAP, vnetTop(n) + NODE_METRICS.containerPadding - LAYER_GAP) + (hubRoom.get(n.id) ?? 0)
        };
    };
    const row = (pick: (n: DiagramNode) => boolean) => {
        const found = model.nodes.filter(n => !n.parent && !sizes.has(n.id) && pick(n)).map(estimate);
        return found.length
            ? { width: found.reduce((a, s) => a + s.width + 28, -28), height: Math.max(...found.map(s => s.height)) + LAYER_GAP }
            : { width: 0, height: 0 };
    };
    const rows = [row(n => n.kind === 'onprem'), row(n => n.role === 'hub'), row(n => n.kind === 'vnet' && n.role !== 'hub')];
    const coreWidth = Math.max(...rows.map(r => r.width)), coreHeight = rows.reduce((a, r) => a + r.height, 0);
    let best = 1, bestScore = Infinity;
    for (let c = 1; c <= Math.min(most, MAX_BLOCK_COLUMNS); c++) {
        const blocks = [...cellsByKey.values()].map(cells => blockGrid('', undefined, cells, c));
        const width = 32 + Math.max(coreWidth, blocks.reduce((a, b) => a + b.width + 28, -28));
        const height = 32 + coreHeight + Math.max(...blocks.map(b => b.height));
        const score = Math.abs(Math.log(width / height / TARGET_ASPECT));
        if (score < bestScore - 1e-9) { best = c; bestScore = score; }
    }
    return best;
}
