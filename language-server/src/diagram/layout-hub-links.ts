import type { Box, EdgeLayout, Point } from './layout.js';
import { labelSize } from './layout-metrics.js';
import { BLOCK, HUB_LINK, type Plan } from './layout-plan.js';
import { LINE_HEIGHT } from './text-metrics.js';
import { boxCentredAt, boxesOverlap, placeOnLine } from './trace-labels.js';
import { routeHop } from './trace-route.js';

// The lines between hubs, which ELK does not see: hub-to-hub peerings, routed through the room ELK kept
// under the hub row (layout.ts, Plan.hubRoom), and the sessions and connections between hubs' devices.

/** A hub-to-hub peering leaves and enters a hub this far inside its corner (px), a step further past each line already there. */
export const HUB_DROP = 16;
export const HUB_DROP_STEP = 8;

/**
 * Hub-to-hub peerings: down from the left hub's bottom near its right corner, along a lane of its
 * own under the hub row, and up into the right hub near its left corner; the labels under the lanes,
 * stacked per left hub, ending where the line leaves it (or starting there, if that crosses fewer
 * lines). The drops step along the hub's side past the lines ELK already drew out of its bottom.
 */
export function routeHubLinks(plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
    const labelH = LINE_HEIGHT.label + 2;
    const hubs = [...new Set(plan.hubLinks.flatMap(e => [e.source, e.target]))].filter(id => nodes[id]);
    const bottom = (b: Box) => b.y + b.height;
    const verticals = Object.values(edges).flatMap(e => e.points.slice(1).flatMap((p, i) => {
        const q = e.points[i];
        return Math.abs(p.x - q.x) < 0.01 ? [{ x: p.x, y1: Math.min(p.y, q.y), y2: Math.max(p.y, q.y) }] : [];
    }));
    const crossings = (x1: number, x2: number, y1: number, y2: number) =>
        verticals.filter(v => v.x >= x1 && v.x <= x2 && v.y1 < y2 && v.y2 > y1).length;
    const used: Array<{ x: number; y1: number; y2: number }> = [];
    const clear = (x: number, y1: number, y2: number) => crossings(x - 10, x + 10, y1, y2) === 0 && !used.some(u => Math.abs(u.x - x) < 10 && u.y1 < y2 && u.y2 > y1);
    const links = plan.hubLinks.filter(e => nodes[e.source] && nodes[e.target]);
    // Every lane and label lies in the band under the lowest hub bottom the peerings span.
    const ends = links.map(e => {
        const a = nodes[e.source], b = nodes[e.target];
        const [leftId, left, right] = a.x <= b.x ? [e.source, a, b] : [e.target, b, a];
        const spanned = hubs.map(id => nodes[id]).filter(h => h.x + h.width >= left.x && h.x <= right.x + right.width);
        return { e, leftId, left, right, row: Math.max(...spanned.map(bottom)) };
    });
    const lanesEnd = Math.max(0, ...ends.map(l => l.row)) + HUB_LINK.laneY + HUB_LINK.laneStep * Math.max(0, links.length - 1);
    const stacked = new Map<string, number>();
    // What a lane or a label must not cross: every node but the two hubs it joins (their devices included).
    const boxes = [...plan.nodesById.values()].filter(n => nodes[n.id]).map(n => ({ id: n.id, top: n.parent ?? n.id, box: nodes[n.id] }));
    const placedLabels = Object.values(edges).flatMap(e => Object.values(e.labels));
    ends.forEach(({ e, leftId, left, right, row }, i) => {
        const lane = row + HUB_LINK.laneY + HUB_LINK.laneStep * i;
        const others = boxes.filter(b => b.top !== e.source && b.top !== e.target).map(b => b.box);
        let x1 = left.x + left.width - HUB_DROP;
        while (x1 > left.x + HUB_DROP && !clear(x1, bottom(left), lane)) x1 -= HUB_DROP_STEP;
        let x2 = right.x + HUB_DROP;
        while (x2 < right.x + right.width - HUB_DROP && !clear(x2, bottom(right), lane)) x2 += HUB_DROP_STEP;
        used.push({ x: x1, y1: bottom(left), y2: lane }, { x: x2, y1: bottom(right), y2: lane });
        let points: Point[] = [{ x: x1, y: bottom(left) }, { x: x1, y: lane }, { x: x2, y: lane }, { x: x2, y: bottom(right) }];
        // Hubs of different heights: the lane under the tallest may pass through what stands under a
        // shorter one (its spokes); then the peering goes around everything instead (trace-route.ts).
        const blocked = points.slice(1).some((q, k) => others.some(o => segmentCrosses(points[k], q, o)));
        if (blocked) points = routeHop(left, right, others);
        if (left !== nodes[e.source]) points = points.reverse();
        const labels: Record<string, Box> = {};
        for (const l of e.labels) {
            const k = stacked.get(leftId) ?? 0;
            stacked.set(leftId, k + 1);
            const size = labelSize(l), y = Math.max(lanesEnd, row) + HUB_LINK.labelsY + k * (labelH + BLOCK.labelGap);
            const before = x1 - 6 - size.width, after = x1 + 6;
            const x = crossings(before, before + size.width, y, y + size.height) <= crossings(after, after + size.width, y, y + size.height) ? before : after;
            let box: Box = { x, y, ...size };
            if (blocked || others.some(o => boxesOverlap(box, o)) || placedLabels.some(p => boxesOverlap(box, p))) {
                box = placeOnLine(points, at => boxCentredAt(at, size), [...others, left, right], placedLabels) ?? box;
            }
            placedLabels.push(box);
            labels[l.id] = box;
        }
        edges[e.id] = { points, labels };
    });
}

/**
 * The sessions and connections between two hubs' devices (`Plan.crossHub`): each runs from its
 * source's box to its target's around every device and edge label already placed (trace-route.ts),
 * its labels on the line where they cover neither a device nor another label (at the middle of the
 * line when no such place exists).
 */
export function routeCrossHub(plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
    if (!plan.crossHub.length) return;
    const devices = [...plan.nodesById.values()].filter(n => n.kind !== 'vnet').map(n => nodes[n.id]).filter((b): b is Box => !!b);
    const placed = Object.values(edges).flatMap(e => Object.values(e.labels));
    for (const e of plan.crossHub) {
        const a = nodes[e.source], b = nodes[e.target];
        if (!a || !b) continue;
        const points = routeHop(a, b, [...devices, ...placed]);
        const labels: Record<string, Box> = {};
        for (const l of e.labels) {
            const size = labelSize(l);
            const box = placeOnLine(points, at => boxCentredAt(at, size), devices, placed) ?? boxCentredAt(points[Math.floor(points.length / 2)], size);
            placed.push(box);
            labels[l.id] = box;
        }
        edges[e.id] = { points, labels };
    }
}

/** Whether the axis-aligned segment p-q runs through the inside of `b`. */
function segmentCrosses(p: Point, q: Point, b: Box): boolean {
    return Math.min(p.x, q.x) < b.x + b.width && Math.max(p.x, q.x) > b.x && Math.min(p.y, q.y) < b.y + b.height && Math.max(p.y, q.y) > b.y;
}

/** Drops repeated points and the middle of three points on one horizontal or vertical line. */
export function tidy(points: readonly Point[]): Point[] {
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
