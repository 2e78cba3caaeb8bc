import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citingFiles, readRepoFile } from '../../scripts/docs/citation-scan.mjs';
import { ROOT } from '../cli/cli-run.js';
import type { Citation, DocPage } from './citations.js';
import { citationsIn, indexDocs, missingEntry } from './citations.js';

const PAGES: Record<DocPage, string> = {
    'language.md': readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8'),
    'semantics.md': readFileSync(join(ROOT, 'docs', 'semantics.md'), 'utf8'),
    'azure-rules.md': readFileSync(join(ROOT, 'docs', 'azure-rules.md'), 'utf8')
};
const INDEX = indexDocs(PAGES);
/** The repository's files that cite, read once for the tests below. */
const FILES: Record<string, string> = Object.fromEntries(citingFiles(ROOT).map(f => [f, readRepoFile(ROOT, f)]));

const CITATIONS: Citation[] = Object.entries(FILES).flatMap(([file, text]) => citationsIn(file, text));

/** `file:line: text: why` for every citation without an entry in docs/. */
function unresolved(citations: readonly Citation[]): string[] {
    return citations
        .map(c => ({ c, why: missingEntry(c, INDEX) }))
        .filter(({ why }) => why)
        .map(({ c, why }) => `${c.file}:${c.line}: ${c.text}: ${why}`);
}

function unresolvedIn(files: Record<string, string>): string[] {
    return unresolved(Object.entries(files).flatMap(([file, text]) => citationsIn(file, text)));
}

/**
 * Every citation in the repository's comments, test titles and Markdown pages leads to a page of
 * docs/: `LANGUAGE.md §n` and `docs/language.md §n` to a section of docs/language.md,
 * `SEMANTICS.md §n` to docs/semantics.md, `rule book §n` to docs/azure-rules.md, a rule ID
 * (`RT-B2B`, or any other word of that shape, so IDs added later are held to it too) and a source
 * key (`S18`) to an entry of docs/azure-rules.md, a scenario (`T5`) to docs/semantics.md.
 */
describe('citations', () => {
    it('every cited section, rule ID, source and scenario has an entry in docs/', () => {
        expect(Object.keys(FILES)).toContain('README.md');
        expect(Object.keys(FILES)).toContain('language-server/src/routing/effective-routes.ts');
        expect(unresolved(CITATIONS)).toEqual([]);
    });

    it('finds the citations the repository is known to hold', () => {
        const all = CITATIONS;
        const rules = new Set(all.filter(c => c.target.kind === 'rule').map(c => c.text));
        for (const id of ['RT-B2B', 'RT-NO-VNET-PREFIX', 'LIM-ROUTES-PER-PEER', 'B-LOOP', 'PF-URG', 'ER-UDR', 'PROP-1', 'DH-ER-2', 'BGP-PEER-LOCATION']) {
            expect(rules).toContain(id);
        }
        expect(all.some(c => c.target.kind === 'scenario' && c.target.id === 'T5' && c.file.startsWith('test/'))).toBe(true);
        expect(all.some(c => c.target.kind === 'section' && c.target.page === 'semantics.md' && c.target.section === '4.5')).toBe(true);
    });

    it('reports a rule ID, a section, a source and a scenario that docs/ lacks, in comments, test titles and Markdown', () => {
        const problems = unresolvedIn({
            'language-server/src/routing/made-up.ts': [
                '/** Sessions (SEMANTICS.md §1, §9). */',
                'export const x = 1; // RT-NO-SUCH-RULE: a bogus ID, and a made-up family FW-SUBNET-SIZE',
                "const re = /\\/\\/ RT-IN-A-REGEX/; // a regex literal is code, not a comment",
                'const s = "RT-IN-A-STRING"; // nor is a string other than a test title'
            ].join('\n'),
            'test/made-up.test.ts': [
                "describe('T9: no such scenario (LANGUAGE §6)', () => {",
                "    it(`S99 and docs/language.md §2.99`, () => {});",
                '});'
            ].join('\n'),
            'README.md': 'See docs/semantics.md §4.9 and [RT-B2B-TYPO].\n\n```\nRT-IN-A-CODE-BLOCK\n```\n',
            'samples/made-up.azrs': '// rule book §42\nhub h { }\n'
        });
        expect(problems).toEqual([
            'language-server/src/routing/made-up.ts:1: SEMANTICS.md §1, §9: docs/semantics.md has no section 9',
            'language-server/src/routing/made-up.ts:2: RT-NO-SUCH-RULE: docs/azure-rules.md has no entry for the rule RT-NO-SUCH-RULE (add a heading "#### RT-NO-SUCH-RULE"; if it is no rule ID, add it to NOT_RULE_IDS in test/docs/citations.ts)',
            'language-server/src/routing/made-up.ts:2: FW-SUBNET-SIZE: docs/azure-rules.md has no entry for the rule FW-SUBNET-SIZE (add a heading "#### FW-SUBNET-SIZE"; if it is no rule ID, add it to NOT_RULE_IDS in test/docs/citations.ts)',
            'test/made-up.test.ts:1: LANGUAGE §6: docs/language.md has no section 6',
            'test/made-up.test.ts:1: T9: docs/semantics.md has no scenario T9',
            'test/made-up.test.ts:2: docs/language.md §2.99: docs/language.md has no section 2.99',
            'test/made-up.test.ts:2: S99: docs/azure-rules.md §0 lists no source S99',
            'README.md:1: docs/semantics.md §4.9: docs/semantics.md has no section 4.9',
            'README.md:1: RT-B2B-TYPO: docs/azure-rules.md has no entry for the rule RT-B2B-TYPO (add a heading "#### RT-B2B-TYPO"; if it is no rule ID, add it to NOT_RULE_IDS in test/docs/citations.ts)',
            'samples/made-up.azrs:1: rule book §42: docs/azure-rules.md has no section 42'
        ]);
    });

    it('reads section lists and ranges: §3/§4, §3, §4 and §1-2', () => {
        const sections = (text: string) => citationsIn('a.ts', `// ${text}`).map(c => c.target.kind === 'section' ? `${c.target.page} ${c.target.section}` : c.text);
        expect(sections('LANGUAGE.md §3/§4')).toEqual(['language.md 3', 'language.md 4']);
        expect(sections('(LANGUAGE.md §3, §4)')).toEqual(['language.md 3', 'language.md 4']);
        expect(sections('LANGUAGE.md §1-3')).toEqual(['language.md 1', 'language.md 2', 'language.md 3']);
        expect(sections('§6 of SEMANTICS.md')).toEqual(['semantics.md 6']);
        expect(sections('SEMANTICS.md §4, 10 rows')).toEqual(['semantics.md 4']);
        expect(sections('(ER-UDR, rule book §4.2)')).toEqual(['azure-rules.md 4.2', 'ER-UDR']);
    });
});
