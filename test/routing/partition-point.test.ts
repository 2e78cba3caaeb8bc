import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint } from '../../language-server/src/model/search.js';

describe('partitionPoint (model/search.ts)', () => {
    it('finds the first index not before the point, as a linear scan does', () => {
        fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (xs, v) => {
            const sorted = [...xs].sort((a, b) => a - b);
            const scan = sorted.findIndex(x => x >= v);
            expect(partitionPoint(sorted.length, i => sorted[i] < v)).toBe(scan < 0 ? sorted.length : scan);
        }), { seed: 3 });
    });
});
