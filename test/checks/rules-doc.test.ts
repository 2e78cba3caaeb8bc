import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../language-server/src/validation/issue-codes.js';
import { readActualTexts, verifyTopology } from '../../language-server/src/verify/index.js';
import { check } from './check-helpers.js';

/**
 * docs/rules.md: a section per code whose heading is the code (anchor `#<code>`, the target of
 * every codeDescription link), and whose first azrs example fires that code with its documented
 * severity while the second (the fix) does not.
 */
const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

interface Section { code: string; body: string; examples: string[] }

function sections(): Section[] {
    const parts = DOC.split(/^## /m).slice(1);
    return parts.map(part => {
        const code = part.slice(0, part.indexOf('\n')).trim();
        const body = part.split(/^# /m)[0];
        const examples = [...body.matchAll(/```azrs\n([\s\S]*?)```/g)].map(m => m[1]);
        return { code, body, examples };
    });
}

function routesPerPeerOf(example: string): number | undefined {
    const m = /--routes-per-peer (\d+)/.exec(example);
    return m ? Number(m[1]) : undefined;
}

describe('docs/rules.md', () => {
    it('has one section per catalogue code, in catalogue order, headed by the code', () => {
        expect(sections().map(s => s.code)).toEqual(RULES.map(r => r.code));
    });

    it('cites a rule or documentation link in every section and links only to defined references', () => {
        for (const s of sections()) {
            expect(s.body, s.code).toMatch(/Why: /);
            expect(s.examples.length, s.code).toBe(2);
        }
        const defined = new Set([...DOC.matchAll(/^\[(S\d+)\]: https:\/\//gm)].map(m => m[1]));
        for (const m of DOC.matchAll(/\]\[(S\d+)\]/g)) expect(defined, m[1]).toContain(m[1]);
        // In-page links point at existing headings.
        const anchors = new Set(sections().map(s => s.code));
        for (const m of DOC.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
            if (['names-and-addressing', 'route-server-and-gateways', 'bgp', 'peering-flags', 'routing-results', 'verify-against-azure'].includes(m[1])) continue;
            expect(anchors, m[1]).toContain(m[1]);
        }
    });

    for (const rule of RULES.filter(r => r.group !== 'Verify against Azure')) {
        it(`${rule.code}: the example fails with ${rule.severity} and the fix is clean of it`, async () => {
            const section = sections().find(s => s.code === rule.code)!;
            const [failing, fixed] = section.examples;
            const before = await check(failing, { routesPerPeer: routesPerPeerOf(failing) });
            const fired = before.seen[0].filter(s => s.code === rule.code);
            expect(fired.length, `${rule.code} fires`).toBeGreaterThan(0);
            expect(fired.map(s => s.severity)).toContain(rule.severity);
            const after = await check(fixed, { routesPerPeer: routesPerPeerOf(fixed) });
            expect(after.seen[0].filter(s => s.code === rule.code).map(s => s.message)).toEqual([]);
            // The fixed examples are clean of everything (info aside), so they can be copied.
            expect(after.seen[0].filter(s => s.severity !== 'info').map(s => `${s.code}: ${s.message}`)).toEqual([]);
        });
    }

    // The verify-* codes need Azure's output besides a topology: each of their sections gives it as
    // a JSON block named `azure-state/<file>`. The first azrs example, verified against it, reports
    // the code; the second (the fix) does not, and is clean under azrs check.
    for (const rule of RULES.filter(r => r.group === 'Verify against Azure')) {
        it(`${rule.code}: verified against the section's Azure output, the example reports it and the fix does not`, async () => {
            const section = sections().find(s => s.code === rule.code)!;
            const [failing, fixed] = section.examples;
            const file = /`azure-state\/([^`]+)`/.exec(section.body)?.[1];
            const json = /```json\n([\s\S]*?)```/.exec(section.body)?.[1];
            expect(file, `${rule.code} names its Azure file`).toBeDefined();
            expect(json, `${rule.code} gives Azure's output`).toBeDefined();
            const actual = readActualTexts(new Map([[file!, json!]]));
            const codesOf = async (text: string) => {
                const checked = await check(text);
                return { checked, codes: verifyTopology(checked.topology, checked.routing, actual).differences.map(d => d.code) };
            };
            const before = await codesOf(failing);
            expect(before.codes, `${rule.code} fires`).toContain(rule.code);
            expect(rule.severity).toBe('warning');
            const after = await codesOf(fixed);
            expect(after.codes).toEqual([]);
            expect(after.checked.seen[0].filter(s => s.severity !== 'info').map(s => `${s.code}: ${s.message}`)).toEqual([]);
        });
    }
});
