import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../language-server/src/validation/issue-codes.js';
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
            if (['names-and-addressing', 'route-server-and-gateways', 'bgp', 'peering-flags', 'routing-results'].includes(m[1])) continue;
            expect(anchors, m[1]).toContain(m[1]);
        }
    });

    for (const rule of RULES) {
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
});
