import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box, Point } from '../../language-server/src/diagram/layout.js';
import { routeHop } from '../../language-server/src/diagram/trace-route.js';

/** Whether the axis-aligned segment p-q runs through the inside of `b` (touching its border does not count). */
function crosses(p: Point, q: Point, b: Box): boolean {
    const x1 = Math.min(p.x, q.x), x2 = Math.max(p.x, q.x), y1 = Math.min(p.y, q.y), y2 = Math.max(p.y, q.y);
    return x1 < b.x + b.width && x2 > b.x && y1 < b.y + b.height && y2 > b.y;
}

function onBorder(p: Point, b: Box): boolean {
    const within = p.x >= b.x - 0.01 && p.x <= b.x + b.width + 0.01 && p.y >= b.y - 0.01 && p.y <= b.y + b.height + 0.01;
    const edge = [p.x - b.x, b.x + b.width - p.x, p.y - b.y, b.y + b.height - p.y].some(d => Math.abs(d) < 0.01);
    return within && edge;
}

/** Devices in a grid of cells 160 x 80 px, each at most 120 x 48 px, so no two overlap. */
const devices = fc.uniqueArray(fc.record({ col: fc.integer({ min: 0, max: 7 }), row: fc.integer({ min: 0, max: 7 }), w: fc.integer({ min: 40, max: 120 }), h: fc.integer({ min: 24, max: 48 }) }),
    { minLength: 2, maxLength: 30, selector: d => `${d.col},${d.row}` })
    .map(ds => ds.map(d => ({ x: d.col * 160 + 10, y: d.row * 80 + 10, width: d.w, height: d.h })));

describe('trace hop routes (diagram/trace-route.ts)', () => {
    it('go from border to border in horizontal and vertical segments, through no other device', () => {
        fc.assert(fc.property(devices, fc.nat(), fc.nat(), (boxes, i, j) => {
            const from = boxes[i % boxes.length], to = boxes[(i + 1 + (j % (boxes.length - 1))) % boxes.length];
            const points = routeHop(from, to, boxes);
            expect(onBorder(points[0], from)).toBe(true);
            expect(onBorder(points[points.length - 1], to)).toBe(true);
            for (let k = 1; k < points.length; k++) {
                const p = points[k - 1], q = points[k];
                expect(p.x === q.x || p.y === q.y, `segment ${k} is axis-aligned`).toBe(true);
                for (const b of boxes) if (b !== from && b !== to) expect(crosses(p, q, b), `segment ${k} crosses a device`).toBe(false);
            }
        }), { seed: 15, numRuns: 300 });
    });

    it('take the straight line when nothing stands between, and go around a device that does', () => {
        const a = { x: 0, y: 0, width: 100, height: 40 }, b = { x: 0, y: 200, width: 100, height: 40 };
        expect(routeHop(a, b, [a, b])).toEqual([{ x: 50, y: 40 }, { x: 50, y: 200 }]);
        const middle = { x: 20, y: 100, width: 60, height: 40 };
        const around = routeHop(a, b, [a, b, middle]);
        // Down the side of the two boxes that clears the one between, 8 px off it.
        expect(around).toEqual([{ x: 12, y: 40 }, { x: 12, y: 200 }]);
        const wide = { x: -20, y: 100, width: 140, height: 40 };
        const detour = routeHop(a, b, [a, b, wide]);
        expect(detour.length).toBeGreaterThan(2);
        for (let k = 1; k < detour.length; k++) expect(crosses(detour[k - 1], detour[k], wide)).toBe(false);
    });

    it('fall back to the straight segment between the borders when the target is walled in', () => {
        const a = { x: 0, y: 0, width: 40, height: 20 }, b = { x: 300, y: 300, width: 40, height: 20 };
        // Four walls around b, touching one another, leave no way in.
        const walls = [{ x: 280, y: 280, width: 80, height: 12 }, { x: 280, y: 328, width: 80, height: 12 }, { x: 280, y: 292, width: 12, height: 36 }, { x: 348, y: 292, width: 12, height: 36 }];
        const points = routeHop(a, b, [a, b, ...walls]);
        expect(points).toHaveLength(2);
        expect(onBorder(points[0], a) && onBorder(points[1], b)).toBe(true);
    });
});
