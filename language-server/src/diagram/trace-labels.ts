import type { Box, Point } from './layout.js';
import { FONT_SIZE, textWidth } from './text-metrics.js';

/** Padding around a hop label's text, in SVG user units (px). */
const PAD_X = 4;
const PAD_Y = 2;
/** Where along a hop segment a label may sit (fractions of its length), best first. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];
/** Sideways shifts (px) tried at each place, so that a label can step off a segment that runs along a node. */
const ASIDE = [0, 12, -12, 24, -24, 36, -36];

/** The box of a hop label's text (`FONT_SIZE.label` px) centred at `at`. */
export function hopLabelBox(text: string, at: Point): Box {
    return boxCentredAt(at, { width: textWidth(text, FONT_SIZE.label) + 2 * PAD_X, height: FONT_SIZE.label + 2 * PAD_Y });
}

/** A box of `size` centred at `at`. */
export function boxCentredAt(at: Point, size: { readonly width: number; readonly height: number }): Box {
    return { x: at.x - size.width / 2, y: at.y - size.height / 2, width: size.width, height: size.height };
}

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Trace mode (issue 15: "no label drawn over a node"): where a hop label goes on the hop's line
 * `points` (`placeOnLine`). `undefined` when every place is taken: the label is left out (the path
 * keeps its hover title) rather than drawn over a node.
 */
export function placeHopLabel(text: string, points: readonly Point[], obstacles: readonly Box[], placed: readonly Box[]): Box | undefined {
    return placeOnLine(points, at => hopLabelBox(text, at), obstacles, placed);
}

/**
 * Where a label goes on the line `points`: on its longest segment first, at the first place along
 * it (middle first), shifted sideways if need be, whose box (`boxAt` a point, its centre) overlaps no
 * box in `obstacles` and no label already `placed`; then on the next longest segment.
 * @returns the box, or undefined when every place is taken
 */
export function placeOnLine(points: readonly Point[], boxAt: (at: Point) => Box, obstacles: readonly Box[], placed: readonly Box[]): Box | undefined {
    const segments = points.slice(1).map((to, i) => ({ from: points[i], to }))
        .sort((p, q) => Math.hypot(q.to.x - q.from.x, q.to.y - q.from.y) - Math.hypot(p.to.x - p.from.x, p.to.y - p.from.y));
    for (const { from, to } of segments) {
        const dx = to.x - from.x, dy = to.y - from.y;
        const length = Math.hypot(dx, dy) || 1;
        const normal = { x: -dy / length, y: dx / length };
        for (const t of ALONG) {
            for (const aside of ASIDE) {
                const box = boxAt({ x: from.x + dx * t + normal.x * aside, y: from.y + dy * t + normal.y * aside });
                if (!obstacles.some(o => boxesOverlap(box, o)) && !placed.some(p => boxesOverlap(box, p))) return box;
            }
        }
    }
    return undefined;
}
