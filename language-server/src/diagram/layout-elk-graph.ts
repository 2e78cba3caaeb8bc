import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DiagramEdge, DiagramLabel, DiagramModel, DiagramNode } from './diagram-model.js';
import type { Box, DiagramLayout, EdgeLayout, Point } from './layout.js';
import { routeCrossHub, routeHubLinks, tidy } from './layout-hub-links.js';
import { NODE_METRICS, headerHeight, headerWidth, labelSize } from './layout-metrics.js';
import { BLOCK, GRID, LAYER_GAP, compareRank, leafSize, rank, vnetTop, type Block, type Plan } from './layout-plan.js';
import { LINE_HEIGHT } from './text-metrics.js';

// The ELK graph of a plan (layout-plan.ts), and the layout read back from ELK's result.

/**
 * The ELK graph of a plan. `minimumTransposed`: whether this ELK reads a compound node's
 * `elk.nodeSize.minimum` as (height, width) when the layout runs top-down (elkjs 0.12 does, with
 * `INCLUDE_CHILDREN`; `minimumSizeTransposed` in layout.ts probes it).
 */
export function toElkGraph(model: DiagramModel, plan: Plan, reversed: Set<string>, minimumTransposed = false): ElkNode {
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
            // The hub's trunk enters the block at its top left corner, where the block's bus runs down.
            const blockNode: ElkNode = {
                id: block.id, width: block.width, height: block.height,
                layoutOptions: block.hub ? { 'elk.portConstraints': 'FIXED_POS' } : { 'elk.layered.layering.layerConstraint': 'LAST' },
                ports: block.hub ? [{ id: busPortId(block), x: BLOCK.busX, y: 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'NORTH' } }] : []
            };
            elkNodes.set(block.id, blockNode);
            top.push(blockNode);
            continue;
        }
        if (node.parent && (plan.blockOf.has(node.parent) || !plan.elkChildren.get(node.parent)?.includes(node))) continue;
        const elkNode: ElkNode = { id: node.id, layoutOptions: node.kind === 'onprem' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {} };
        if (node.kind === 'vnet') {
            const room = plan.hubRoom.get(node.id) ?? 0;
            const size = plan.sizes.get(node.id);
            if (size) {
                // A compound with one stand-in child the size of its rows, not a plain node: ELK lines up
                // the children of a row's VNets, so this VNet's top then stands level with its neighbours'.
                const body = vnetTop(node);
                elkNode.children = [{ id: bodyId(node.id), width: Math.max(1, size.width - 2 * pad), height: Math.max(1, size.height - body - pad) }];
                elkNode.layoutOptions = {
                    'elk.padding': `[top=${body},left=${pad},bottom=${pad + room},right=${pad}]`,
                    'elk.alignment': 'TOP'
                };
            } else {
                const grid = plan.grids.get(node.id);
                const minWidth = Math.max(headerWidth(node), grid ? grid.width + 2 * pad : 0);
                const minHeight = headerHeight(node) + 24;
                elkNode.children = [];
                elkNode.layoutOptions = {
                    'elk.padding': `[top=${vnetTop(node)},left=${pad},bottom=${pad + (grid ? grid.height + GRID.vnetGap : 0) + room},right=${pad}]`,
                    'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                    'elk.nodeSize.minimum': minimumTransposed ? `(${minHeight}, ${minWidth})` : `(${minWidth}, ${minHeight})`,
                    // VNets of one row (the hubs) start at the same height, whatever ELK's layering of their contents.
                    'elk.alignment': 'TOP'
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
    const hubLinks = new Set([...plan.hubLinks, ...plan.crossHub].map(e => e.id));
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
        if (block.hub && elkNodes.has(block.hub)) edges.push({ id: trunkId(block), sources: [block.hub], targets: [busPortId(block)] });
    }
    // A hub no site's line reaches (its only line a hub-to-hub peering, drawn here, not by ELK) would
    // stand in the sites' row: an edge ELK sees and nobody draws puts it below the first site.
    const firstSite = model.nodes.find(n => n.kind === 'onprem');
    if (firstSite) {
        const topOf = (id: string) => nodesById.get(id)?.parent ?? id;
        const reached = new Set(model.edges.filter(e => nodesById.get(e.source)?.kind === 'onprem' || nodesById.get(e.target)?.kind === 'onprem')
            .flatMap(e => [topOf(e.source), topOf(e.target)]));
        for (const hub of model.nodes) {
            if (hub.kind === 'vnet' && hub.role === 'hub' && !hub.parent && elkNodes.has(hub.id) && !reached.has(hub.id)) {
                // To the hub's first child (ELK layers children, not the VNets around them).
                const first = elkNodes.get(hub.id)?.children?.[0]?.id ?? hub.id;
                edges.push({ id: `${LAYER_EDGE}${hub.id}`, sources: [firstSite.id], targets: [first] });
            }
        }
    }
    return {
        id: 'root',
        layoutOptions: {
            'elk.algorithm': 'layered',
            'elk.direction': 'DOWN',
            'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
            'elk.json.shapeCoords': 'ROOT',
            'elk.json.edgeCoords': 'ROOT',
            'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
            'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
            // Every node nothing points at (a site, a hub no site's line reaches) in the first layer
            // of its hierarchy, so that the hubs stand in one row whatever lines leave them.
            'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
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

/** The id prefix of the edges that only place a hub in the hub row (never drawn). */
export const LAYER_EDGE = 'hub-row:';

/** The stand-in child of a VNet whose devices are all placed in rows (never drawn). */
export function bodyId(vnetId: string): string {
    return `${vnetId}/body`;
}

export function trunkId(block: Block): string {
    return `trunk:${block.id}`;
}

/** The port at the top of a block's bus, where its hub's trunk ends. */
export function busPortId(block: Block): string {
    return `${block.id}/bus`;
}

export function elkLabel(label: DiagramLabel, flip: boolean): ElkLabel {
    const placement = label.placement === 'center' ? 'CENTER'
        : (label.placement === 'head') !== flip ? 'HEAD' : 'TAIL';
    return { id: label.id, text: label.text, ...labelSize(label), layoutOptions: { 'elk.edgeLabels.placement': placement } };
}

export function fromElkGraph(root: ElkNode, model: DiagramModel, plan: Plan, reversed: ReadonlySet<string>): DiagramLayout {
    const nodes: Record<string, Box> = {};
    const blockBoxes = new Map<string, Box>();
    const blockIds = new Set(plan.blocks.map(b => b.id));
    const visit = (n: ElkNode): void => {
        for (const c of n.children ?? []) {
            const box = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
            if (blockIds.has(c.id)) blockBoxes.set(c.id, box);
            else if (c.id !== bodyId(n.id)) nodes[c.id] = box;
            visit(c);
        }
    };
    visit(root);
    // The room kept under a hub is drawn outside it: the hub shrinks, and the lines ELK drew from its
    // bottom side start at its new bottom.
    const roomy: Array<{ box: Box; elkBottom: number }> = [];
    for (const [id, room] of plan.hubRoom) {
        const box = nodes[id];
        if (!box) continue;
        nodes[id] = { ...box, height: box.height - room };
        roomy.push({ box: nodes[id], elkBottom: box.y + box.height });
    }
    const onShrunkBottom = (p: Point): Point => {
        const hub = roomy.find(r => Math.abs(p.y - r.elkBottom) < 0.5 && p.x >= r.box.x && p.x <= r.box.x + r.box.width);
        return hub ? { x: p.x, y: hub.box.y + hub.box.height } : p;
    };
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
            if (roomy.length && points.length) {
                points[0] = onShrunkBottom(points[0]);
                points[points.length - 1] = onShrunkBottom(points[points.length - 1]);
            }
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
            const busX = b.x + BLOCK.busX, channelY = b.y + at.y + BLOCK.channelY, dropX = spoke.x + BLOCK.drop;
            const hubX = hub ? hub.x + hub.width / 2 : busX;
            const start = trunk?.length ? trunk : hub ? [{ x: hubX, y: hub.y + hub.height }, { x: hubX, y: b.y - BLOCK.drop }, { x: busX, y: b.y - BLOCK.drop }] : [];
            let points = tidy([...start, { x: busX, y: b.y }, { x: busX, y: channelY }, { x: dropX, y: channelY }, { x: dropX, y: spoke.y }]);
            if (cell.edge.source === cell.spoke) points = points.reverse();
            const labels: Record<string, Box> = {};
            cell.edge.labels.forEach((l, i) => {
                labels[l.id] = { x: spoke.x + BLOCK.labelX, y: b.y + at.y + BLOCK.labelsY + i * (labelH + BLOCK.labelGap), ...labelSize(l) };
            });
            edges[cell.edge.id] = { points, labels };
        }
    }
    routeHubLinks(plan, nodes, edges);
    routeCrossHub(plan, nodes, edges);
    shiftIntoView(nodes, edges, 8);

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
 * ELK sometimes lines up interchangeable siblings (NVAs of one hub, each peering the same route
 * server) against their name order. When the siblings of one kind in one layer (one row, the layout
 * running top-down) have the same size and the same neighbours, their places and the routes of their
 * edges are handed out again in name order, left to right.
 */
export function keepNameOrder(model: DiagramModel, plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
    const incident = new Map<string, DiagramEdge[]>();
    for (const e of model.edges) for (const end of [e.source, e.target]) incident.set(end, [...(incident.get(end) ?? []), e]);
    const signature = (id: string) => (incident.get(id) ?? []).map(e => `${e.kind}:${e.source === id ? '>' : '<'}${e.source === id ? e.target : e.source}`).sort().join('|');
    for (const [vnet, kids] of plan.elkChildren) {
        const groups = new Map<string, DiagramNode[]>();
        for (const k of kids) {
            const box = nodes[k.id];
            if (!box) continue;
            const key = `${k.kind}@${Math.round(box.y)}:${Math.round(box.width)}x${Math.round(box.height)}/${signature(k.id)}`;
            groups.set(key, [...(groups.get(key) ?? []), k]);
        }
        void vnet;
        for (const group of groups.values()) {
            if (group.length < 2) continue;
            const byName = [...group].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
            const byX = [...group].sort((a, b) => nodes[a.id].x - nodes[b.id].x);
            if (byName.every((n, i) => n === byX[i])) continue;
            const boxes = byX.map(n => nodes[n.id]);
            const routes = byX.map(n => new Map((incident.get(n.id) ?? []).map(e => [e.source === n.id ? e.target : e.source, edges[e.id]] as const)));
            byName.forEach((n, i) => {
                nodes[n.id] = boxes[i];
                for (const e of incident.get(n.id) ?? []) {
                    const route = routes[i].get(e.source === n.id ? e.target : e.source);
                    if (!route) continue;
                    const sameDirection = (incident.get(byX[i].id) ?? []).some(o => (o.source === byX[i].id) === (e.source === n.id));
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
 * Moves everything right and down so that nothing starts left of or above `margin` px: the lanes of
 * hub-to-hub peerings that pass over other hubs run above the hub row, which may be the top of the drawing.
 */
export function shiftIntoView(nodes: Record<string, Box>, edges: Record<string, EdgeLayout>, margin: number): void {
    let minX = Infinity, minY = Infinity;
    const see = (x: number, y: number) => { minX = Math.min(minX, x); minY = Math.min(minY, y); };
    for (const b of Object.values(nodes)) see(b.x, b.y);
    for (const e of Object.values(edges)) {
        for (const p of e.points) see(p.x, p.y);
        for (const l of Object.values(e.labels)) see(l.x, l.y);
    }
    const dx = minX < margin ? margin - minX : 0, dy = minY < margin ? margin - minY : 0;
    if (!dx && !dy) return;
    for (const [id, b] of Object.entries(nodes)) nodes[id] = { ...b, x: b.x + dx, y: b.y + dy };
    for (const [id, e] of Object.entries(edges)) {
        edges[id] = {
            points: e.points.map(p => ({ x: p.x + dx, y: p.y + dy })),
            labels: Object.fromEntries(Object.entries(e.labels).map(([k, l]) => [k, { ...l, x: l.x + dx, y: l.y + dy }]))
        };
    }
}
