import type { BgpSession, Nva, Peering, Topology } from '../model/topology.js';
import type { PeeringFlag, RoutingResult } from '../routing/index.js';
import { computeRouting, DEFAULT_ROUTES_PER_PEER } from '../routing/index.js';
import { deriveTopology, type DerivedTopology } from './derived-topology.js';
import { enumerateFailures, type Failure, type FailureKind } from './failures.js';
import { flowKey, NO_FLOWS, type AsymmetricFlow, type FlowAnalyzer, type FlowOutcome, type LoopingFlow } from './flows.js';
import { LostRouteBaseline, lostRoutes, type LostRoutes } from './lost-routes.js';

/**
 * Single-failure analysis (`azrs failover`, the code lens on NVAs, gateways and route servers):
 * each failure is applied to a copy of the topology (derived-topology.ts), routes are recomputed
 * with what Azure admitted of the original configuration, and the result is compared with the
 * topology as written. What a failure cannot change is not recomputed: the parsed topology, the
 * admission, the baseline routes and paths are shared, and only the VNets whose programmed routes
 * changed are looked at (lost-routes.ts).
 */

/** What Azure admitted of the configuration (validation/admission.ts), for the engine. */
export interface AdmittedConfiguration {
    readonly downSessions: ReadonlySet<BgpSession>;
    readonly ignoredFlags: ReadonlyMap<Peering, ReadonlySet<PeeringFlag>>;
}

export interface FailoverInput {
    readonly topology: Topology;
    /** The route engine's result over `topology` with `admission` (the analysis's own). */
    readonly routing: RoutingResult;
    readonly admission: AdmittedConfiguration;
    readonly routesPerPeer?: number;
    /** The forwarding walk; without it, intents, asymmetry and loops are not looked at. */
    readonly flows?: FlowAnalyzer;
}

/** One failure tried (docs/language.md §5, `failover --format json`). */
export interface FailureResult {
    readonly failure: string;
    readonly kind: FailureKind;
    /** Intents that hold as written and not under the failure, by name, sorted. */
    readonly brokenIntents: readonly string[];
    readonly lostRoutes: readonly LostRoutes[];
    /** Flows asymmetric under the failure and not as written. */
    readonly asymmetric: readonly AsymmetricFlow[];
    /** Flows that loop under the failure and not as written. */
    readonly loops: readonly LoopingFlow[];
}

export interface FailureDetail extends FailureResult {
    /** Why each broken intent breaks (the forwarding walk's reason). */
    readonly reasons: ReadonlyMap<string, string>;
    /** Propagation did not converge under this failure: its routes are a snapshot. */
    readonly converged: boolean;
    /** The failed element carries no session and no route: the failure changes nothing and was not recomputed. */
    readonly unchanged: boolean;
    readonly source: Failure['source'];
}

export interface FailoverReport {
    readonly tried: number;
    readonly allComponents: boolean;
    readonly failures: readonly FailureDetail[];
    /** Intents that do not hold even without a failure (azrs check reports them). */
    readonly brokenWithoutFailure: readonly string[];
    /** Whether intents, asymmetry and loops were looked at. */
    readonly pathsChecked: boolean;
}

/** The contract's JSON (docs/language.md §5): `{"tried": N, "failures": [...]}`. */
export function failoverJson(report: FailoverReport): { tried: number; failures: FailureResult[] } {
    return {
        tried: report.tried,
        failures: report.failures.map(f => ({
            failure: f.failure, kind: f.kind, brokenIntents: [...f.brokenIntents],
            lostRoutes: f.lostRoutes.map(l => ({ element: l.element, prefixes: [...l.prefixes] })),
            asymmetric: f.asymmetric.map(a => ({ ...a, devices: [...a.devices] })), loops: f.loops.map(l => ({ ...l }))
        }))
    };
}

/** The failures, tried in order, with what each breaks (see the module comment). */
export class FailoverAnalysis {
    private readonly base: LostRouteBaseline;
    private readonly flows: FlowAnalyzer;
    private baselineFlows: FlowOutcome | undefined;

    constructor(private readonly input: FailoverInput) {
        this.base = new LostRouteBaseline(input.topology, input.routing);
        this.flows = input.flows ?? NO_FLOWS;
    }

    /** Whether intents, asymmetry and loops are traced (a forwarding walk was given). */
    get pathsChecked(): boolean {
        return this.flows !== NO_FLOWS;
    }

    /** The paths as written, traced once for every failure. */
    baseline(): FlowOutcome {
        return this.baselineFlows ??= this.flows.analyse(this.input.topology, this.input.routing);
    }

    run(options: { allComponents?: boolean } = {}): FailoverReport {
        const failures = enumerateFailures(this.input.topology, options);
        const results = failures.map(f => this.tryFailure(f));
        const base = this.baseline();
        return {
            tried: results.length,
            allComponents: options.allComponents === true,
            failures: results,
            brokenWithoutFailure: [...base.intents].filter(([, holds]) => !holds).map(([name]) => name).sort(),
            pathsChecked: this.flows !== NO_FLOWS
        };
    }

    /** One failure: routes recomputed on a derived topology, compared with the baseline. */
    tryFailure(failure: Failure): FailureDetail {
        if (this.changesNothing(failure)) {
            return { failure: failure.name, kind: failure.kind, brokenIntents: [], lostRoutes: [], asymmetric: [], loops: [],
                reasons: new Map(), converged: true, unchanged: true, source: failure.source };
        }
        const { derived, routing } = this.simulate(failure);
        const lost = lostRoutes(this.base, derived, routing);
        const base = this.baseline();
        const failed = new Set<string>([
            ...failure.elements.map(e => `${e.kind}:${e.name}`),
            ...failure.connections.flatMap(c => [`gateway:${c.gateway.name}`, `onprem:${c.site.name}`])
        ]);
        const after = this.flows === NO_FLOWS ? base
            : this.flows.reanalyse?.(base, this.input.topology, this.input.routing, derived, routing, failed)
                ?? this.flows.analyse(derived.topology, routing);
        const brokenIntents = [...base.intents].filter(([name, holds]) => holds && after.intents.get(name) === false).map(([n]) => n).sort();
        const reasons = new Map(brokenIntents.map(n => [n, after.intentReasons.get(n) ?? '']));
        const seenAsym = new Set(base.asymmetric.map(flowKey));
        const seenLoops = new Set(base.loops.map(flowKey));
        return {
            failure: failure.name, kind: failure.kind, brokenIntents, lostRoutes: lost,
            asymmetric: after.asymmetric.filter(f => !seenAsym.has(flowKey(f))),
            loops: after.loops.filter(f => !seenLoops.has(flowKey(f))),
            reasons, converged: routing.converged, unchanged: false, source: failure.source
        };
    }

    /** The topology with `failure` applied and its routes, with what Azure admitted of the original (for the diagram of a failure too). */
    simulate(failure: Failure): { derived: DerivedTopology; routing: RoutingResult } {
        const derived = deriveTopology(this.input.topology, failure);
        const routing = computeRouting(derived.topology, {
            routesPerPeer: this.input.routesPerPeer ?? DEFAULT_ROUTES_PER_PEER,
            downSessions: carry(derived, this.input.admission.downSessions),
            ignoredFlags: carryFlags(derived, this.input.admission.ignoredFlags)
        });
        return { derived, routing };
    }

    /**
     * An NVA with no session up and no route or user route toward it: taking it down changes no
     * route and no path (nothing sends traffic to it), so the baseline stands.
     */
    private changesNothing(failure: Failure): boolean {
        if (failure.kind !== 'nva') return false;
        const nva = failure.elements[0] as Nva;
        const routing = this.input.routing;
        if (routing.sessions.some(s => s.up && (s.a === nva || s.b === nva))) return false;
        const ips = new Set<number>([nva.ip, nva.nextHop].filter((x): x is number => x !== undefined));
        for (const nic of nva.nics) if (nic.ip !== undefined) ips.add(nic.ip);
        for (const table of this.input.topology.routeTables) {
            for (const r of table.routes) if (r.nextHopNva === nva || (r.nextHopIp !== undefined && ips.has(r.nextHopIp))) return false;
        }
        for (const p of routing.programs) if (p.routes.some(r => r.nvas.includes(nva))) return false;
        // Intents may start or end at the NVA itself.
        if (this.input.topology.intents.length > 0) return false;
        return true;
    }
}

function carry(derived: DerivedTopology, sessions: ReadonlySet<BgpSession>): Set<BgpSession> {
    const out = new Set<BgpSession>();
    for (const s of sessions) {
        const c = derived.copyOf(s);
        if (c) out.add(c);
    }
    return out;
}

function carryFlags(derived: DerivedTopology, flags: ReadonlyMap<Peering, ReadonlySet<PeeringFlag>>): Map<Peering, ReadonlySet<PeeringFlag>> {
    const out = new Map<Peering, ReadonlySet<PeeringFlag>>();
    for (const [p, set] of flags) {
        const c = derived.copyOf(p);
        if (c) out.set(c, set);
    }
    return out;
}
