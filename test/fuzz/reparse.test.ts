import fc from 'fast-check';
import type { ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import type { Model } from '../../language-server/src/generated/ast.js';
import { createTestServices } from '../helpers.js';
import { checkReparse } from '../language/tree-compare.js';
import { LONG, runs } from './mutations.js';

/**
 * Chains of random edits, each applied to the tree the previous one left: re-parsing the edited
 * elements must give the tree a full parse gives, however the positions have moved. A fixed seed
 * in `npm test`, two minutes from a random seed in `npm run fuzz`.
 */

const LONG_MS = 2 * 60_000;
const parser = createTestServices().Azrs.parser.LangiumParser;

describe('fuzz: re-parsing edited elements', () => {
    it('gives a full parse\'s tree over chains of random edits (fast-check)', () => {
        const base = generateTopology(6, { sitePrefixes: [12, 3] }).text;
        // Edits that keep the syntax (a digit for a digit, blanks and comments between tokens, a
        // block split in two) and edits that break it, so that chains go through both paths.
        const anywhere = ['', 'a', '7', '.', '/', ' ', '\n', '{', '}', ',', ':', '[', ']', '/*', '"', '@', '->', '<->', 'subnet', 'hub'];
        const betweenTokens = [' ', '\n', '\r\n', '\r', '\t', '\n\n  ', '// c\n', '/* c */', '/* a\nb */', ','];
        const edit = fc.oneof(
            { weight: 3, arbitrary: fc.record({ kind: fc.constant('digit' as const), at: fc.nat(), insert: fc.constantFrom(...'0123456789') }) },
            { weight: 3, arbitrary: fc.record({ kind: fc.constant('blank' as const), at: fc.nat(), insert: fc.constantFrom(...betweenTokens) }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), at: fc.nat(), insert: fc.constantFrom('}\nspoke s98 {', '}\n\nonprem s97 {\n') }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...anywhere) }) });
        const positionsOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map(m => m.index);
        let incremental = 0;
        let withErrors = 0;
        let total = 0;
        fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), edits => {
            let text = base;
            let result: ParseResult<Model> = parser.parse<Model>(text);
            for (const e of edits) {
                let at: number;
                let remove = 0;
                if (e.kind === 'any') {
                    at = e.at % (text.length + 1);
                    remove = e.remove;
                } else {
                    const candidates = positionsOf(text, e.kind === 'digit' ? /\d/g : e.kind === 'blank' ? /\s/g : /\n  vm /g);
                    if (candidates.length === 0) continue;
                    at = candidates[e.at % candidates.length];
                    remove = e.kind === 'digit' ? 1 : 0;
                }
                text = text.slice(0, at) + e.insert + text.slice(at + remove);
                const step = checkReparse(parser, result, text);
                result = step.result;
                total++;
                if (step.incremental) incremental++;
                if (step.incremental && (step.result.parserErrors.length > 0 || step.result.lexerErrors.length > 0)) withErrors++;
            }
        }), runs(150, LONG_MS));
        // Both paths ran, the re-parse on most edits, and on edits that leave a syntax error too.
        expect(incremental).toBeGreaterThan(total / 3);
        expect(incremental).toBeLessThan(total);
        expect(withErrors).toBeGreaterThan(total / 20);
    }, LONG ? LONG_MS + 60_000 : 60_000);

});
