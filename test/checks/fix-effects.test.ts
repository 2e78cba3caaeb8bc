import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quickFixCodes } from '../../language-server/src/lsp/azrs-code-actions.js';
import type { Subnet, Topology } from '../../language-server/src/model/topology.js';
import { fixedTopology } from '../../language-server/src/validation/fix-check.js';
import { IssueCodes, RULES } from '../../language-server/src/validation/issue-codes.js';
import { actionsFor, apply, check } from './check-helpers.js';

/**
 * Issue 11, "one place per fact": the rule catalogue says per code what its quick fix does to the
 * topology (`RuleInfo.fix.effect`). The code actions have a fix for exactly those codes, and for
 * each effect the what-if tries (fix-check.ts), the topology the what-if makes is the one the
 * applied quick fix builds: same peerings with the same flags and state, same sessions with the
 * same flags, (v2) same subnets with the same prefixes and route tables, same gateway connections.
 */

const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

/** The first `azrs` example of the code's section of docs/rules.md (the one that fires it). */
function firingExample(code: string): string {
    const part = DOC.split(/^## /m).find(p => p.slice(0, p.indexOf('\n')).trim() === code);
    return /```azrs\n([\s\S]*?)```/.exec(part ?? '')![1];
}

const names = (xs: readonly ({ name: string } | undefined)[]) => `[${xs.map(x => x?.name ?? '?').join(', ')}]`;
const subnetOf = (s: Subnet) => `${s.vnet.name}/${s.name} ${s.prefix?.text ?? '-'} routeTable=${s.routeTable?.name ?? '-'}`;

/**
 * What the route engine and the checks read of what the fixes change, one line each, sorted: the
 * peerings and sessions; (v2) every subnet's prefix and route table, reached from its VNet and from
 * the VMs, NICs, gateways and firewalls in it; each gateway's connections (sites, VNet-to-VNet, as
 * written).
 */
function whatTheFixesChange(t: Topology): string[] {
    return [
        ...t.peerings.map(p => `peering ${p.from.name} -> ${p.to.name} ${p.state} access=${p.allowVirtualNetworkAccess} forwarded=${p.allowForwardedTraffic} useRemoteGateways=${p.useRemoteGateways} allowGatewayTransit=${p.allowGatewayTransit} reverse=${p.reverse ? `${p.reverse.from.name} -> ${p.reverse.to.name}` : '-'}`),
        ...t.sessions.map(s => `bgp ${s.left.name} <-> ${s.right.name} asOverride=${s.asOverride} multihop=${s.multihop}`),
        ...t.vnets.flatMap(v => [
            ...[...v.subnets, v.defaultSubnet].map(s => `subnet ${subnetOf(s)}`),
            ...v.vms.map(vm => `vm ${vm.name} in ${subnetOf(vm.subnet)}`),
            ...v.nvas.flatMap(n => n.nics).map(nic => `nic ${nic.owner.name}/${nic.name} in ${subnetOf(nic.subnet)}`),
            ...v.gateways.map(g => `gateway ${g.name} in ${subnetOf(g.gatewaySubnet)} sites=${names(g.connections)} vnetConnections=${names(g.vnetConnections)} written=${names(g.connectionsWritten)}`),
            ...v.firewalls.map(fw => `firewall ${fw.name} in ${subnetOf(fw.subnet)}`)
        ])
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

    it('every fix is tried but the host bits one, which changes the text only', () => {
        expect(RULES.filter(r => r.fix && !TRIED.includes(r.code)).map(r => r.code)).toEqual([IssueCodes.PrefixHostBits]);
        expect(TRIED).toEqual(expect.arrayContaining([IssueCodes.RouteTableOnRouteServerSubnet, IssueCodes.ConnectionNotReciprocal, IssueCodes.FirewallSubnetTooSmall]));
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
            const original = whatTheFixesChange(before.topology);
            const whatIf = fixedTopology(before.topology, before.findings.find(f => f.code === code && f.at.range.start.line === s!.range.start.line)!);
            expect(whatIf, `${code}'s effect changes the topology`).toBeDefined();
            const after = await check(apply(before.documents[0], fixes[0]));
            expect(whatTheFixesChange(whatIf!)).toEqual(whatTheFixesChange(after.topology));
            expect(whatTheFixesChange(whatIf!)).not.toEqual(original);
            expect(whatTheFixesChange(before.topology), 'the what-if leaves the topology it was given as it was').toEqual(original);
        });
    }
});
