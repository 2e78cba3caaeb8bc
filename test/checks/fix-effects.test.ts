import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quickFixCodes } from '../../language-server/src/lsp/azrs-code-actions.js';
import type { Topology } from '../../language-server/src/model/topology.js';
import { fixedTopology } from '../../language-server/src/validation/fix-check.js';
import { IssueCodes, RULES } from '../../language-server/src/validation/issue-codes.js';
import { actionsFor, apply, check } from './check-helpers.js';

/**
 * Issue 11, "one place per fact": the rule catalogue says per code what its quick fix does to the
 * topology (`RuleInfo.fix.effect`). The code actions have a fix for exactly those codes, and for
 * each effect the what-if tries (fix-check.ts), the topology the what-if makes is the one the
 * applied quick fix builds: same peerings with the same flags and state, same sessions with the
 * same flags.
 */

const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

/** The first `azrs` example of the code's section of docs/rules.md (the one that fires it). */
function firingExample(code: string): string {
    const part = DOC.split(/^## /m).find(p => p.slice(0, p.indexOf('\n')).trim() === code);
    return /```azrs\n([\s\S]*?)```/.exec(part ?? '')![1];
}

/** What the route engine reads of the peerings and sessions, one line each, sorted. */
function peeringsAndSessions(t: Topology): string[] {
    return [
        ...t.peerings.map(p => `peering ${p.from.name} -> ${p.to.name} ${p.state} access=${p.allowVirtualNetworkAccess} forwarded=${p.allowForwardedTraffic} useRemoteGateways=${p.useRemoteGateways} allowGatewayTransit=${p.allowGatewayTransit} reverse=${p.reverse ? `${p.reverse.from.name} -> ${p.reverse.to.name}` : '-'}`),
        ...t.sessions.map(s => `bgp ${s.left.name} <-> ${s.right.name} asOverride=${s.asOverride} multihop=${s.multihop}`)
    ].sort();
}

const TRIED = RULES.filter(r => r.fix && r.fix.effect.kind !== 'untried').map(r => r.code);

/** A case per tried code (its docs/rules.md example), plus the second branch of a `reverse-peering` effect. */
const CASES: Array<[string, string, string]> = [
    ...TRIED.map((code): [string, string, string] => [`docs/rules.md#${code}`, code, firingExample(code)]),
    ['use-remote-gateways-without-transit with no reverse peering (otherwise: useRemoteGateways off)', IssueCodes.UseRemoteGatewaysWithoutTransit, `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
}
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
`]
];

describe('quick fix effects (rule catalogue) and code actions agree', () => {
    it('the code actions build a quick fix for exactly the codes the catalogue gives an effect', () => {
        const withEffect = new Set<string>(RULES.filter(r => r.fix).map(r => r.code));
        const withAction = new Set<string>(quickFixCodes());
        expect([...withAction].filter(c => !withEffect.has(c)), 'codes with a code action and no effect in the catalogue').toEqual([]);
        expect([...withEffect].filter(c => !withAction.has(c)), 'codes with an effect in the catalogue and no code action').toEqual([]);
        expect(TRIED.length).toBeGreaterThan(0);
    });

    for (const [name, code, text] of CASES) {
        it(`${name}: the what-if is the topology the quick fix writes`, async () => {
            const before = await check(text);
            const s = before.seen[0].find(x => x.code === code);
            expect(s, `${code} fires`).toBeDefined();
            // The bare provider offers the fix untried: a wrong effect shows as a different topology
            // below, not as a fix the what-if blocks.
            const fixes = (await actionsFor(before.documents[0], s!.diagnostic, { tried: false })).filter(a => !a.title.startsWith('Suppress '));
            expect(fixes.map(f => f.title), `${code} has one quick fix`).toHaveLength(1);
            const whatIf = fixedTopology(before.topology, before.findings.find(f => f.code === code && f.at.range.start.line === s!.range.start.line)!);
            expect(whatIf, `${code}'s effect changes the topology`).toBeDefined();
            const after = await check(apply(before.documents[0], fixes[0]));
            expect(peeringsAndSessions(whatIf!)).toEqual(peeringsAndSessions(after.topology));
            expect(peeringsAndSessions(whatIf!)).not.toEqual(peeringsAndSessions(before.topology));
        });
    }
});
