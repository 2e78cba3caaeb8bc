import type { Box, Point } from './layout.js';
import { partitionPoint } from '../model/search.js';

// Trace mode (issue 15): the line of one hop, from one device's box to the next, around every other device.

/** Room kept between a hop line and a device it passes (px). */
const CLEARANCE = 8;
/** What a turn costs, in px of length: a longer line with fewer turns reads better. */
const TURN_COST = 40;
/** How far outside the two devices' bounding box a line may go, tried in turn (px). */
const REACH = [48, 240];
/** Grids larger than this (crossing points) are not searched: the hop is drawn straight. */
const MAX_GRID = 250_000;

/**
 * The line of a hop from box `from` to box `to`: horizontal and vertical segments that keep
 * `CLEARANCE` px off every box in `obstacles` (the devices other than the two ends; VNets are
 * containers, which a hop crosses), with as few turns as the length allows, clipped to the two boxes'
 * borders. Searched on the grid of the obstacles' sides near the two boxes; when no such line
 * exists there (or the grid is too large), the straight segment between the boxes' borders.
 * @returns the points, first on `from`'s border, last on `to`'s; every segment axis-aligned unless straight.
 */
export function routeHop(from: Box, to: Box, obstacles: readonly Box[]): Point[] {
    for (const reach of REACH) {
        const area = {
            x1: Math.min(from.x, to.x) - reach, y1: Math.min(from.y, to.y) - reach,
            x2: Math.max(from.x + from.width, to.x + to.width) + reach, y2: Math.max(from.y + from.height, to.y + to.height) + reach
        };
        const near = obstacles.filter(o => o !== from && o !== to && !sameBox(o, from) && !sameBox(o, to)
            && o.x < area.x2 && o.x + o.width > area.x1 && o.y < area.y2 && o.y + o.height > area.y1);
        const a = anchor(from, near), b = anchor(to, near);
        const path = searchGrid(a, b, near, area);
        if (path) return clipToBorders(path, from, to);
    }
    return straightBetween(from, to);
}

function center(b: Box): Point {
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Where a hop's line starts in a box: its centre, unless a device inside it (a VNet's gateway, say)
 * is there; then the middle of a side, just inside it.
 */
function anchor(box: Box, obstacles: readonly Box[]): Point {
    const c = center(box);
    const candidates = [c, { x: c.x, y: box.y + 2 }, { x: c.x, y: box.y + box.height - 2 }, { x: box.x + 2, y: c.y }, { x: box.x + box.width - 2, y: c.y }];
    const free = (p: Point) => !obstacles.some(o => p.x > o.x - CLEARANCE && p.x < o.x + o.width + CLEARANCE && p.y > o.y - CLEARANCE && p.y < o.y + o.height + CLEARANCE);
    return candidates.find(free) ?? c;
}

function sameBox(a: Box, b: Box): boolean {
    return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

interface Area { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }

/** Shortest path (length plus `TURN_COST` per turn) over the grid of the obstacles' inflated sides, or undefined. */
function searchGrid(a: Point, b: Point, obstacles: readonly Box[], area: Area): Point[] | undefined {
    const inflated = obstacles.map(o => ({ x1: o.x - CLEARANCE, y1: o.y - CLEARANCE, x2: o.x + o.width + CLEARANCE, y2: o.y + o.height + CLEARANCE }));
    const xs = sortedUnique([a.x, b.x, area.x1, area.x2, ...inflated.flatMap(o => [o.x1, o.x2])].filter(x => x >= area.x1 && x <= area.x2));
    const ys = sortedUnique([a.y, b.y, area.y1, area.y2, ...inflated.flatMap(o => [o.y1, o.y2])].filter(y => y >= area.y1 && y <= area.y2));
    const nx = xs.length, ny = ys.length;
    if (nx * ny > MAX_GRID) return undefined;
    // blockedH[j * nx + i]: the segment from (xs[i], ys[j]) to (xs[i + 1], ys[j]) runs inside an obstacle; blockedV likewise downwards.
    const blockedH = new Uint8Array(nx * ny), blockedV = new Uint8Array(nx * ny);
    for (const o of inflated) {
        const i1 = lowerBound(xs, o.x1), i2 = lowerBound(xs, o.x2), j1 = lowerBound(ys, o.y1), j2 = lowerBound(ys, o.y2);
        for (let j = j1; j <= j2 && j < ny; j++) {
            for (let i = i1; i <= i2 && i < nx; i++) {
                const x = xs[i], y = ys[j];
                const insideY = y > o.y1 && y < o.y2, insideX = x > o.x1 && x < o.x2;
                if (insideY && i + 1 < nx && x >= o.x1 && xs[i + 1] <= o.x2) blockedH[j * nx + i] = 1;
                if (insideX && j + 1 < ny && y >= o.y1 && ys[j + 1] <= o.y2) blockedV[j * nx + i] = 1;
            }
        }
    }
    const start = ys.indexOf(a.y) * nx + xs.indexOf(a.x), goal = ys.indexOf(b.y) * nx + xs.indexOf(b.x);
    // States: grid point * 4 + direction of arrival (0 right, 1 left, 2 down, 3 up).
    const cost = new Float64Array(nx * ny * 4).fill(Infinity);
    const previous = new Int32Array(nx * ny * 4).fill(-1);
    const heap = new MinHeap();
    for (let d = 0; d < 4; d++) { cost[start * 4 + d] = 0; heap.push(0, start * 4 + d); }
    let reached = -1;
    while (heap.size) {
        const [c, state] = heap.pop();
        if (c > cost[state]) continue;
        const point = state >> 2, dir = state & 3;
        if (point === goal) { reached = state; break; }
        const i = point % nx, j = (point - i) / nx;
        const moves: Array<[number, number, boolean]> = [
            [point + 1, 0, i + 1 < nx && !blockedH[point]],
            [point - 1, 1, i > 0 && !blockedH[point - 1]],
            [point + nx, 2, j + 1 < ny && !blockedV[point]],
            [point - nx, 3, j > 0 && !blockedV[point - nx]]
        ];
        for (const [next, d, open] of moves) {
            if (!open) continue;
            const ni = next % nx, nj = (next - ni) / nx;
            const step = Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (point !== start && d !== dir ? TURN_COST : 0);
            const s = next * 4 + d;
            if (c + step < cost[s]) { cost[s] = c + step; previous[s] = state; heap.push(c + step, s); }
        }
    }
    if (reached < 0) return undefined;
    const points: Point[] = [];
    for (let s = reached; s >= 0; s = previous[s]) {
        const p = s >> 2, i = p % nx;
        points.push({ x: xs[i], y: ys[(p - i) / nx] });
    }
    return straighten(points.reverse());
}

function sortedUnique(values: readonly number[]): number[] {
    return [...new Set(values)].sort((p, q) => p - q);
}

/** Index of the first value >= `v` in the sorted `values`. */
function lowerBound(values: readonly number[], v: number): number {
    return partitionPoint(values.length, i => values[i] < v);
}

/** Drops the points in the middle of a straight run. */
function straighten(points: readonly Point[]): Point[] {
    const out: Point[] = [];
    for (const p of points) {
        const q = out[out.length - 1], r = out[out.length - 2];
        if (q && p.x === q.x && p.y === q.y) continue;
        if (q && r && ((r.x === q.x && q.x === p.x) || (r.y === q.y && q.y === p.y))) out.pop();
        out.push(p);
    }
    return out;
}

/** The path from the last point where it leaves `from` to the first where it enters `to`. */
function clipToBorders(path: readonly Point[], from: Box, to: Box): Point[] {
    let first = 0;
    while (first + 1 < path.length && inside(path[first + 1], from)) first++;
    let last = path.length - 1;
    while (last - 1 > first && inside(path[last - 1], to)) last--;
    const middle = path.slice(first + 1, last);
    const start = exit(path[first], path[first + 1] ?? path[first], from);
    const end = exit(path[last], path[last - 1] ?? path[last], to);
    return straighten([start, ...middle, end]);
}

function inside(p: Point, b: Box): boolean {
    return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
}

/** Where the axis-aligned segment from `p` (inside `box`) toward `q` crosses the box's border. */
function exit(p: Point, q: Point, box: Box): Point {
    if (!inside(p, box)) return p;
    if (q.x > p.x) return { x: Math.min(q.x, box.x + box.width), y: p.y };
    if (q.x < p.x) return { x: Math.max(q.x, box.x), y: p.y };
    if (q.y > p.y) return { x: p.x, y: Math.min(q.y, box.y + box.height) };
    if (q.y < p.y) return { x: p.x, y: Math.max(q.y, box.y) };
    return p;
}

/** A straight segment between two boxes, clipped to their borders. */
export function straightBetween(a: Box, b: Box): Point[] {
    const ca = center(a), cb = center(b);
    return [clipLine(a, ca, cb), clipLine(b, cb, ca)];
}

function clipLine(box: Box, from: Point, toward: Point): Point {
    const dx = toward.x - from.x, dy = toward.y - from.y;
    if (dx === 0 && dy === 0) return from;
    const sx = dx !== 0 ? (box.width / 2) / Math.abs(dx) : Infinity;
    const sy = dy !== 0 ? (box.height / 2) / Math.abs(dy) : Infinity;
    const s = Math.min(sx, sy, 1);
    return { x: from.x + dx * s, y: from.y + dy * s };
}

/** A binary min-heap of (priority, value) pairs. */
class MinHeap {
    private readonly keys: number[] = [];
    private readonly values: number[] = [];
    get size(): number { return this.keys.length; }
    push(key: number, value: number): void {
        let i = this.keys.length;
        this.keys.push(key);
        this.values.push(value);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (this.keys[parent] <= key) break;
            this.keys[i] = this.keys[parent];
            this.values[i] = this.values[parent];
            i = parent;
        }
        this.keys[i] = key;
        this.values[i] = value;
    }
    pop(): [number, number] {
        const top: [number, number] = [this.keys[0], this.values[0]];
        const key = this.keys.pop()!, value = this.values.pop()!;
        const n = this.keys.length;
        if (n) {
            let i = 0;
            for (;;) {
                const l = 2 * i + 1, r = l + 1;
                let m = i;
                let mk = key;
                if (l < n && this.keys[l] < mk) { m = l; mk = this.keys[l]; }
                if (r < n && this.keys[r] < mk) { m = r; mk = this.keys[r]; }
                if (m === i) break;
                this.keys[i] = this.keys[m];
                this.values[i] = this.values[m];
                i = m;
            }
            this.keys[i] = key;
            this.values[i] = value;
        }
        return top;
    }
}
