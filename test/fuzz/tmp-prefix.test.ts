import fc from 'fast-check';
import { it, expect } from 'vitest';
import * as neu from '../../language-server/src/model/prefix.js';
import * as old from './tmp-old-prefix.js';

it('prefix parse equivalence', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('0', '00', '01', '010', '255', '256', '999', '', '1a', '-1'));
    const len = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom('', '00', '08', '032', '33', '1x'));
    const text = fc.oneof(
        fc.tuple(octet, octet, octet, octet, len).map(([a, b, c, d, l]) => `${a}.${b}.${c}.${d}/${l}`),
        fc.tuple(octet, octet, octet, octet).map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`),
        fc.tuple(octet, octet, octet, len).map(([a, b, c, l]) => `${a}.${b}.${c}/${l}`),
        fc.string());
    fc.assert(fc.property(text, t => {
        expect(neu.parsePrefix(t)).toEqual(old.parsePrefix(t));
        expect(neu.parseAddress(t)).toEqual(old.parseAddress(t));
    }), { numRuns: 200000 });
});
