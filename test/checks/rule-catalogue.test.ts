import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from '../../language-server/src/validation/finding.js';
import { IssueCodes, RULES, RULES_BY_CODE, ruleDocUrl } from '../../language-server/src/validation/issue-codes.js';
import type { SourceRef } from '../../language-server/src/model/topology.js';

/**
 * Issue 11, "the rule catalogue owns each rule": every code the sources report has an entry in
 * `RULES`, the entry's severities are the ones docs/rules.md documents, and the checks take their
 * severity from the entry (validation/finding.ts) instead of writing it.
 */
const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
const SRC = new URL('../../language-server/src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
        return name.endsWith('.ts') ? [path] : [];
    });
}

/** The severities in the first paragraph of each code's section: the default, then the second if any. */
function documentedSeverities(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const part of DOC.split(/^## /m).slice(1)) {
        const code = part.slice(0, part.indexOf('\n')).trim();
        const first = part.split(/\n\n/)[1] ?? '';
        out.set(code, [...first.matchAll(/\*\*(error|warning|info)\.?\*\*/g)].map(m => m[1]));
    }
    return out;
}

const AT: SourceRef = { uri: 'file:///a.azrs', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };

describe('rule catalogue (validation/issue-codes.ts)', () => {
    it('has exactly one entry per IssueCodes code', () => {
        const codes = Object.values(IssueCodes) as string[];
        expect(RULES.map(r => r.code).sort()).toEqual([...codes].sort());
        expect(RULES_BY_CODE.size).toBe(RULES.length);
    });

    it('names every code the sources report, by IssueCodes or as a written string', () => {
        const unknown: string[] = [];
        for (const file of sourceFiles(SRC)) {
            const text = readFileSync(file, 'utf8');
            for (const m of text.matchAll(/IssueCodes\.(\w+)/g)) {
                if (!(m[1] in IssueCodes)) unknown.push(`${file}: IssueCodes.${m[1]}`);
            }
            for (const m of text.matchAll(/\bcode: '([a-z0-9-]+)'/g)) {
                if (!RULES_BY_CODE.has(m[1])) unknown.push(`${file}: '${m[1]}'`);
            }
        }
        expect(unknown).toEqual([]);
    });

    it('gives each code the default and second severity docs/rules.md gives it', () => {
        const documented = documentedSeverities();
        for (const rule of RULES) {
            const expected = [rule.severity, ...(rule.secondSeverity ? [rule.secondSeverity] : [])];
            expect(documented.get(rule.code), rule.code).toEqual(expected);
        }
    });

    it('links each code to its section of docs/rules.md', () => {
        for (const rule of RULES) expect(rule.docUrl).toBe(ruleDocUrl(rule.code));
        expect(RULES_BY_CODE.get(IssueCodes.ReservedAsn)?.docUrl).toBe('https://github.com/azrs/azrs/blob/main/docs/rules.md#reserved-asn');
    });

    it('lets no check write a severity, except the second severity of the two codes that have one', () => {
        const written: string[] = [];
        for (const file of sourceFiles(join(SRC, 'validation'))) {
            const text = readFileSync(file, 'utf8');
            for (const m of text.matchAll(/code: IssueCodes\.(\w+),\s*severity: '(\w+)'/g)) {
                const rule = RULES_BY_CODE.get((IssueCodes as Record<string, string>)[m[1]]);
                if (rule?.secondSeverity !== m[2]) written.push(`${file}: ${m[1]} ${m[2]}`);
            }
            for (const m of text.matchAll(/findings\.push\(\{/g)) written.push(`${file}: findings.push({ at ${m.index} (report through finding())`);
        }
        expect(written).toEqual([]);
    });

    it('takes the severity from the catalogue and refuses one the catalogue does not give', () => {
        expect(finding({ code: IssueCodes.BranchToBranchDisabled, message: 'm', at: AT }).severity).toBe('info');
        expect(finding({ code: IssueCodes.ReservedAsn, message: 'm', at: AT }).severity).toBe('error');
        expect(finding({ code: IssueCodes.ReservedAsn, severity: 'warning', message: 'm', at: AT }).severity).toBe('warning');
        expect(() => finding({ code: IssueCodes.ReservedAsn, severity: 'info', message: 'm', at: AT })).toThrow(/reserved-asn is reported as info/);
        // A written severity on a code without a second one is a type error as well.
        // @ts-expect-error severity is not allowed for duplicate-name
        expect(() => finding({ code: IssueCodes.DuplicateName, severity: 'warning', message: 'm', at: AT })).toThrow(/duplicate-name/);
    });
});
