import type { AnalysisSettings } from '../routing/settings.js';
import type { BgpSession, Peering, Topology, TopologyElement } from '../model/topology.js';
import { parsePrefix } from '../model/prefix.js';
import { copyTopology } from '../whatif/derived-topology.js';
import type { Finding } from './finding.js';
import type { FixEffect } from './fix-effect.js';
import { analyseTopology } from './topology-analysis.js';
import { RULES_BY_CODE } from './issue-codes.js';

/**
 * Issue 17, "fixes that must not harm": a quick fix is tried on the topology before it is offered.
 * The configuration checks, the route engine, the routing checks and the intents run again on the
 * topology as the fix would leave it; a fix that leaves its own finding in place, or draws an error
 * the configuration does not have now (a reverse peering between overlapping VNets, a reverse
 * peering that makes a spoke with its own route server dual-homed, a `multihop: true` that brings up
 * a session past the route limit, an AzureFirewallSubnet widened over the subnet next to it, a
 * VNet-to-VNet connection that reaches what an intent keeps apart), is blocked. What each code's fix
 * does to the topology is the rule catalogue's `fix.effect` (issue-codes.ts, fix-effect.ts); nothing
 * here names a code. Findings are compared by code and anchor, which a what-if never moves. Run
 * when the editor asks for code actions, one diagnostic at a time, not on every build.
 *
 * @returns `<code>: <message>` of the finding that blocks the fix, or undefined when the fix is safe,
 * the code has no fix, or its effect is `untried` (a prefix's host bits, which the topology holds cleared).
 */
export function fixBlocker(topology: Topology, finding: Finding, findings: readonly Finding[], settings: AnalysisSettings): string | undefined {
    const whatIf = fixedTopology(topology, finding);
    if (!whatIf) return undefined;
    const baseline = new Set(findings.filter(f => f.severity === 'error').map(keyOf));
    const after = findingsOf(whatIf, settings);
    const key = keyOf(finding);
    const blocker = after.find(g => keyOf(g) === key) ?? after.find(g => g.severity === 'error' && !baseline.has(keyOf(g)));
    return blocker ? `${blocker.code}: ${blocker.message}` : undefined;
}

function keyOf(f: Finding): string {
    const r = f.at.range;
    return `${f.code}@${f.at.uri}:${r.start.line}:${r.start.character}`;
}

/** The analysis's findings on a what-if topology, without the forwarding checks (warnings only, which block no fix of another code). */
function findingsOf(topology: Topology, settings: AnalysisSettings): readonly Finding[] {
    return analyseTopology(topology, settings, { forwardingChecks: false }).findings;
}

/**
 * The topology as the finding's quick fix would leave it: the rule catalogue's `fix.effect` for its
 * code, made on the finding's `target`. Undefined when the code has no fix, its effect is `untried`,
 * or the effect does not apply to the target. The topology given is not changed.
 */
export function fixedTopology(topology: Topology, f: Finding): Topology | undefined {
    const effect = RULES_BY_CODE.get(f.code)?.fix?.effect;
    return effect && applyEffect(topology, effect, f);
}

/**
 * `effect` (fix-effect.ts) made to the topology on the finding's `target`, reading its `data` where
 * the effect says so; undefined where it does not apply (a session effect on a peering, a reverse for
 * a peering already Connected, a `data` the finding lacks).
 */
function applyEffect(topology: Topology, effect: FixEffect, f: Finding): Topology | undefined {
    const target = f.target as TopologyElement | undefined;
    const session = topology.sessions.find(s => s === target);
    const peering = topology.peerings.find(p => p === target);
    switch (effect.kind) {
        case 'untried': return undefined;
        case 'session': {
            if (!session) return undefined;
            const fixed: BgpSession = { ...session, ...effect.set };
            return { ...topology, sessions: topology.sessions.map(s => s === session ? fixed : s) };
        }
        case 'peering': return peering && relink(topology, peering, effect.set, {});
        case 'reverse-peering':
            if (peering?.reverse) return relink(topology, peering, {}, effect.set);
            return peering && effect.otherwise && applyEffect(topology, effect.otherwise, f);
        case 'add-reverse-peering':
            if (!peering || peering.from === peering.to || peering.state === 'Connected') return undefined;
            return addReverse(topology, peering);
        case 'remove-route-table': {
            if (target?.kind !== 'subnet' || !target.routeTable) return undefined;
            const { routeTable: _, ...refs } = target.refs;
            return changed(topology, target, () => ({ routeTable: undefined, refs }));
        }
        case 'add-reverse-connection': {
            const other = topology.byName.get(String(f.data?.gateway));
            if (target?.kind !== 'gateway' || other?.kind !== 'gateway' || other.vnetConnections.includes(target)) return undefined;
            return changed(topology, other, (gw, copyOf) => ({
                vnetConnections: [...gw.vnetConnections, copyOf(target)], connectionsWritten: [...gw.connectionsWritten, copyOf(target)]
            }));
        }
        case 'set-firewall-subnet': {
            const parsed = parsePrefix(String(f.data?.normalized));
            if (target?.kind !== 'firewall' || !parsed.ok) return undefined;
            return changed(topology, target.subnet, () => ({ prefix: parsed.prefix }));
        }
    }
    // A FixEffect kind added without a case above is a type error here: every effect gets a what-if.
    return effect satisfies never;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Replaces a peering and its reverse with changed copies that point at each other. */
function relink(topology: Topology, p: Peering, change: Partial<Peering>, reverseChange: Partial<Peering>): Topology {
    const p2: Mutable<Peering> = { ...p, ...change };
    const q = p.reverse;
    const q2: Mutable<Peering> | undefined = q ? { ...q, ...reverseChange, reverse: p2 } : undefined;
    p2.reverse = q2;
    return { ...topology, peerings: topology.peerings.map(x => x === p ? p2 : x === q && q2 ? q2 : x) };
}

/**
 * The topology with the properties `change` returns set on the copy of `element` (the v2 effects).
 * A subnet, gateway or firewall is pointed at from many places (its VNet, its VMs and NICs, the
 * other gateways' connections, the sessions), so unlike a peering or a session it cannot be
 * replaced in one list: every element is copied (whatif/derived-topology.ts, one copy of the
 * topology) and the copy changed; the original is never touched. `copyOf` maps an original element
 * to its copy.
 */
function changed<T extends object>(topology: Topology, element: T, change: (copy: T, copyOf: <U extends object>(original: U) => U) => Partial<T>): Topology {
    const copy = copyTopology(topology);
    const mine = copy.copyOf(element)!;
    Object.assign(mine, change(mine, original => copy.copyOf(original)!));
    return copy.topology;
}

/** `add-reverse-peering` (peering-not-connected's fix): `peering b -> a` with every flag at its default. */
function addReverse(topology: Topology, p: Peering): Topology {
    const p2: Mutable<Peering> = { ...p, state: 'Connected' };
    const reverse: Peering = {
        kind: 'peering', from: p.to, to: p.from,
        allowVirtualNetworkAccess: true, allowForwardedTraffic: false, useRemoteGateways: false, allowGatewayTransit: false,
        // Written where the fix inserts it, after `a -> b`: its findings get anchors of their own.
        state: 'Connected', reverse: p2, index: topology.peerings.length,
        source: { uri: p.source.uri, range: { start: p.source.range.end, end: p.source.range.end } }, refs: {}
    };
    p2.reverse = reverse;
    return { ...topology, peerings: [...topology.peerings.map(x => x === p ? p2 : x), reverse] };
}
