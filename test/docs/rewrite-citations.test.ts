import { describe, expect, it } from 'vitest';
import { rewriteFile } from '../../scripts/docs/rewrite-citations.mjs';

/** scripts/docs/rewrite-citations.mjs: the contract's citations become docs/ ones, code stays. */
describe('rewrite-citations', () => {
    it('rewrites comments and test titles, not code or other strings', () => {
        const before = [
            '/** Sessions (SEMANTICS.md §1), the CLI (LANGUAGE §5) and §6 of SEMANTICS.md. */',
            "const path = 'shared/LANGUAGE.md'; // LANGUAGE.md §3/§4",
            'const re = /SEMANTICS.md §2/;',
            "describe('dual-homed ER (SEMANTICS §5, T5)', () => {",
            "    it('cites docs/semantics.md §4 already', () => expect(path).toBe('SEMANTICS.md §9'));",
            '});'
        ].join('\n');
        expect(rewriteFile('a.test.ts', before)).toBe([
            '/** Sessions (docs/semantics.md §1), the CLI (docs/language.md §5) and §6 of docs/semantics.md. */',
            "const path = 'shared/LANGUAGE.md'; // docs/language.md §3/§4",
            'const re = /SEMANTICS.md §2/;',
            "describe('dual-homed ER (docs/semantics.md §5, T5)', () => {",
            "    it('cites docs/semantics.md §4 already', () => expect(path).toBe('SEMANTICS.md §9'));",
            '});'
        ].join('\n'));
    });

    it('rewrites Markdown prose but not its code blocks, and .azrs comments', () => {
        expect(rewriteFile('README.md', 'The contract: `LANGUAGE.md` and SEMANTICS.md §2.\n\n```\nLANGUAGE.md §1\n```\n'))
            .toBe('The contract: `docs/language.md` and docs/semantics.md §2.\n\n```\nLANGUAGE.md §1\n```\n');
        expect(rewriteFile('a.azrs', '// the seed design (SEMANTICS.md §5)\nhub SEMANTICS { }\n'))
            .toBe('// the seed design (docs/semantics.md §5)\nhub SEMANTICS { }\n');
    });
});
