import type { Box, EdgeLayout, Point } from './layout.js';
import { labelSize } from './layout-metrics.js';
import { BLOCK, type Plan } from './layout-plan.js';
import { LINE_HEIGHT } from './text-metrics.js';

// Hub-to-hub peerings, routed down the gap ELK leaves between the hubs (layout.ts).

/** Hub-to-hub peerings leave a hub this far from its left side. */
export const HUB_LANE = 28;

/**
 * Hub-to-hub peerings: straight down the gap between two hubs one above the other, with the
 * labels in the room ELK left under the upper one; around the left of the hub column when other
 * hubs stand between them.
 */
export function routeHubLinks(plan: Plan, nodes: Record<string, Box>, edges: Record<string, EdgeLayout>): void {
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
