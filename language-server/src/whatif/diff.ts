import type { Topology } from '../model/topology.js';
import type { EffectiveRoute, RoutingResult } from '../routing/index.js';
import type { FailoverReport, FailureResult } from './failover.js';
import type { FlowOutcome } from './flows.js';

/**
 * The impact of a change (`azrs diff <old> <new>`), the way Batfish's differential questions
 * compare two snapshots: per VM the effective-route rows added, removed and changed; intents newly
 * broken or fixed; diagnostics added and removed; failover results that changed. Elements without
 * changes are left out (docs/language.md §5).
 */

/** A diagnostic as the CLI prints it (1-based); `file` is the same on both sides for the same file. */
export interface DiffDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: 'error' | 'warning' | 'info';
    readonly code: string;
    readonly message: string;
}

/** One version: its topology, routes, diagnostics, paths and (optionally) single failures. */
export interface DiffSide {
    readonly topology: Topology;
    readonly routing: RoutingResult;
    readonly diagnostics: readonly DiffDiagnostic[];
    readonly flows: FlowOutcome;
    readonly failover?: FailoverReport;
}

/** An effective-route row as docs/language.md §5's diff shows it. */
export interface DiffRow {
    source: EffectiveRoute['source'];
    state: EffectiveRoute['state'];
    addressPrefix: string[];
    nextHopType: EffectiveRoute['nextHopType'];
    nextHopIpAddress: string[];
}

export interface RouteChanges {
    /** The VM's name. */
    element: string;
    added: DiffRow[];
    removed: DiffRow[];
    changed: Array<{ before: DiffRow; after: DiffRow }>;
}

export interface FailoverChange {
    failure: string;
    kind: FailureResult['kind'];
    /** Null when the failure was not tried on that side (the element is new or gone). */
    before: FailureResult | null;
    after: FailureResult | null;
}

export interface DiffReport {
    routes: RouteChanges[];
    intents: { broken: string[]; fixed: string[] };
    diagnostics: { added: DiffDiagnostic[]; removed: DiffDiagnostic[] };
    /** Failures whose effect changed; absent when failover was not compared. */
    failover?: FailoverChange[];
}

function diffRow(r: EffectiveRoute): DiffRow {
    return { source: r.source, state: r.state, addressPrefix: [r.addressPrefix.text], nextHopType: r.nextHopType, nextHopIpAddress: [...r.nextHopIpAddress] };
}

/** A row's identity across versions: source, prefix and the user route's name (several on one prefix are numbered). */
function keyed(rows: readonly EffectiveRoute[]): Map<string, EffectiveRoute> {
    const out = new Map<string, EffectiveRoute>();
    for (const r of rows) {
        const base = `${r.source}\u0000${r.addressPrefix.text}\u0000${r.name ?? ''}`;
        let key = base;
        for (let n = 2; out.has(key); n++) key = `${base}\u0000${n}`;
        out.set(key, r);
    }
    return out;
}

function sameRow(a: EffectiveRoute, b: EffectiveRoute): boolean {
    return a.state === b.state && a.nextHopType === b.nextHopType && a.disableBgpRoutePropagation === b.disableBgpRoutePropagation
        && a.nextHopIpAddress.join(',') === b.nextHopIpAddress.join(',');
}

/** Route changes of every VM of either version, in the new version's VM order, then VMs that are gone. */
export function routeChanges(before: DiffSide, after: DiffSide): RouteChanges[] {
    const vmsBefore = new Map(before.topology.vnets.flatMap(v => v.vms).map(vm => [vm.name, vm]));
    const vmsAfter = after.topology.vnets.flatMap(v => v.vms);
    const names = [...new Set([...vmsAfter.map(vm => vm.name), ...vmsBefore.keys()])];
    const afterByName = new Map(vmsAfter.map(vm => [vm.name, vm]));
    const out: RouteChanges[] = [];
    // VMs of one subnet share a table: compare each pair of tables once.
    const cache = new Map<object, Map<object, Omit<RouteChanges, 'element'>>>();
    const empty: readonly EffectiveRoute[] = [];
    for (const name of names) {
        const old = vmsBefore.get(name);
        const now = afterByName.get(name);
        const oldRows = old ? before.routing.effectiveRoutes(old.subnet) : empty;
        const newRows = now ? after.routing.effectiveRoutes(now.subnet) : empty;
        const k1 = old?.subnet ?? empty;
        const k2 = now?.subnet ?? empty;
        let inner = cache.get(k1);
        if (!inner) cache.set(k1, inner = new Map());
        let change = inner.get(k2);
        if (!change) {
            change = compareRows(oldRows, newRows);
            inner.set(k2, change);
        }
        if (change.added.length || change.removed.length || change.changed.length) out.push({ element: name, ...change });
    }
    return out;
}

function compareRows(oldRows: readonly EffectiveRoute[], newRows: readonly EffectiveRoute[]): Omit<RouteChanges, 'element'> {
    const a = keyed(oldRows);
    const b = keyed(newRows);
    const added: DiffRow[] = [];
    const removed: DiffRow[] = [];
    const changed: Array<{ before: DiffRow; after: DiffRow }> = [];
    for (const [key, row] of b) {
        const prev = a.get(key);
        if (!prev) added.push(diffRow(row));
        else if (!sameRow(prev, row)) changed.push({ before: diffRow(prev), after: diffRow(row) });
    }
    for (const [key, row] of a) if (!b.has(key)) removed.push(diffRow(row));
    return { added, removed, changed };
}

function diagnosticKey(d: DiffDiagnostic): string {
    // Positions move with every edit above them: a finding is the same finding when its file, code and message are.
    return `${d.file}\u0000${d.code}\u0000${d.severity}\u0000${d.message}`;
}

/** Diagnostics of `after` that `before` lacks and the reverse, counted as multisets. */
export function diagnosticChanges(before: readonly DiffDiagnostic[], after: readonly DiffDiagnostic[]): DiffReport['diagnostics'] {
    const count = new Map<string, number>();
    for (const d of before) count.set(diagnosticKey(d), (count.get(diagnosticKey(d)) ?? 0) + 1);
    const added: DiffDiagnostic[] = [];
    for (const d of after) {
        const n = count.get(diagnosticKey(d)) ?? 0;
        if (n > 0) count.set(diagnosticKey(d), n - 1);
        else added.push(d);
    }
    const left = new Map<string, number>();
    for (const d of after) left.set(diagnosticKey(d), (left.get(diagnosticKey(d)) ?? 0) + 1);
    const removed: DiffDiagnostic[] = [];
    for (const d of before) {
        const n = left.get(diagnosticKey(d)) ?? 0;
        if (n > 0) left.set(diagnosticKey(d), n - 1);
        else removed.push(d);
    }
    return { added, removed };
}

/**
 * Intents that held before and do not now (`broken`; an intent that is new and does not hold
 * counts too) and the reverse (`fixed`), sorted by name.
 */
export function intentChanges(before: FlowOutcome, after: FlowOutcome): DiffReport['intents'] {
    const broken = [...after.intents].filter(([name, holds]) => !holds && before.intents.get(name) !== false).map(([n]) => n).sort();
    const fixed = [...after.intents].filter(([name, holds]) => holds && before.intents.get(name) === false).map(([n]) => n).sort();
    return { broken, fixed };
}

function effect(f: FailureResult): string {
    return JSON.stringify([f.brokenIntents, f.lostRoutes, f.asymmetric, f.loops]);
}

/** Failures whose effect differs between the versions, in the new version's order, then those gone. */
export function failoverChanges(before: FailoverReport, after: FailoverReport): FailoverChange[] {
    // Names are unique in a valid topology; a duplicated one is told apart by its occurrence.
    const keys = (list: readonly FailureResult[]) => {
        const seen = new Map<string, number>();
        return list.map(f => {
            const base = `${f.kind}\u0000${f.failure}`;
            const n = (seen.get(base) ?? 0) + 1;
            seen.set(base, n);
            return `${base}\u0000${n}`;
        });
    };
    const beforeKeys = keys(before.failures);
    const old = new Map(before.failures.map((f, i) => [beforeKeys[i], f]));
    const out: FailoverChange[] = [];
    const seen = new Set<string>();
    const afterKeys = keys(after.failures);
    after.failures.forEach((f, i) => {
        const key = afterKeys[i];
        seen.add(key);
        const prev = old.get(key);
        if (!prev || effect(prev) !== effect(f)) out.push({ failure: f.failure, kind: f.kind, before: prev ? plain(prev) : null, after: plain(f) });
    });
    for (const [key, f] of old) if (!seen.has(key)) out.push({ failure: f.failure, kind: f.kind, before: plain(f), after: null });
    return out;
}

function plain(f: FailureResult): FailureResult {
    return { failure: f.failure, kind: f.kind, brokenIntents: f.brokenIntents, lostRoutes: f.lostRoutes, asymmetric: f.asymmetric, loops: f.loops };
}

export function diffSides(before: DiffSide, after: DiffSide): DiffReport {
    const report: DiffReport = {
        routes: routeChanges(before, after),
        intents: intentChanges(before.flows, after.flows),
        diagnostics: diagnosticChanges(before.diagnostics, after.diagnostics)
    };
    if (before.failover && after.failover) report.failover = failoverChanges(before.failover, after.failover);
    return report;
}
