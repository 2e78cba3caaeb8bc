import type { DiffDiagnostic, DiffReport, DiffRow, FailoverChange, RouteChanges } from './diff.js';
import type { FailureResult } from './failover.js';

/**
 * `azrs diff` as text and as markdown (a pull-request comment): a headline, then routes per VM
 * (VMs with the same changes grouped), intents, diagnostics and failover changes.
 */

function plural(n: number, word: string, many = `${word}s`): string {
    return `${n} ${n === 1 ? word : many}`;
}

/** `3 VMs' routes change; 1 intent broken; 2 diagnostics added, 1 removed; 2 failover results change`. */
export function diffHeadline(d: DiffReport): string {
    const parts: string[] = [];
    if (d.routes.length) parts.push(`routes of ${plural(d.routes.length, 'VM')} change`);
    if (d.intents.broken.length) parts.push(`${plural(d.intents.broken.length, 'intent')} broken (${d.intents.broken.join(', ')})`);
    if (d.intents.fixed.length) parts.push(`${plural(d.intents.fixed.length, 'intent')} fixed (${d.intents.fixed.join(', ')})`);
    if (d.diagnostics.added.length || d.diagnostics.removed.length) {
        parts.push(`${plural(d.diagnostics.added.length, 'diagnostic')} added, ${d.diagnostics.removed.length} removed`);
    }
    if (d.failover?.length) parts.push(`${plural(d.failover.length, 'failover result')} change`);
    return parts.length ? parts.join('; ') : 'no change in routes, intents, diagnostics or failover';
}

function rowText(r: DiffRow): string {
    return `${r.source} ${r.state} ${r.addressPrefix.join(', ')} ${r.nextHopType} ${r.nextHopIpAddress.join(', ') || '-'}`;
}

/** VMs with identical changes (the VMs of one subnet) as one group, in order. */
function grouped(routes: readonly RouteChanges[]): Array<{ vms: string[]; change: RouteChanges }> {
    const groups = new Map<string, { vms: string[]; change: RouteChanges }>();
    for (const r of routes) {
        const key = JSON.stringify([r.added, r.removed, r.changed]);
        const g = groups.get(key);
        if (g) g.vms.push(r.element);
        else groups.set(key, { vms: [r.element], change: r });
    }
    return [...groups.values()];
}

function vmList(vms: readonly string[], md: boolean): string {
    const code = (s: string) => md ? `\`${s}\`` : s;
    return vms.length > 10 ? `${vms.slice(0, 10).map(code).join(', ')} and ${vms.length - 10} more` : vms.map(code).join(', ');
}

function failureEffect(f: FailureResult | null): string {
    if (!f) return 'not tried';
    const parts: string[] = [];
    if (f.brokenIntents.length) parts.push(`breaks ${f.brokenIntents.join(', ')}`);
    if (f.lostRoutes.length) parts.push(`${plural(f.lostRoutes.length, 'VM')} cut off`);
    if (f.asymmetric.length) parts.push(`${plural(f.asymmetric.length, 'asymmetric path')}`);
    if (f.loops.length) parts.push(`${plural(f.loops.length, 'loop')}`);
    return parts.length ? parts.join(', ') : 'nothing breaks';
}

function diagText(d: DiffDiagnostic): string {
    return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}

export function formatDiffText(d: DiffReport): string {
    const out = [diffHeadline(d)];
    for (const g of grouped(d.routes)) {
        out.push('', `${vmList(g.vms, false)}:`);
        for (const r of g.change.added) out.push(`  + ${rowText(r)}`);
        for (const r of g.change.removed) out.push(`  - ${rowText(r)}`);
        for (const c of g.change.changed) out.push(`  ~ ${rowText(c.before)}  ->  ${rowText(c.after)}`);
    }
    if (d.intents.broken.length || d.intents.fixed.length) {
        out.push('', 'Intents:');
        for (const n of d.intents.broken) out.push(`  broken: ${n}`);
        for (const n of d.intents.fixed) out.push(`  fixed: ${n}`);
    }
    if (d.diagnostics.added.length || d.diagnostics.removed.length) {
        out.push('', 'Diagnostics:');
        for (const x of d.diagnostics.added) out.push(`  + ${diagText(x)}`);
        for (const x of d.diagnostics.removed) out.push(`  - ${diagText(x)}`);
    }
    if (d.failover?.length) {
        out.push('', 'Failover:');
        for (const f of d.failover) out.push(`  ${f.failure} (${f.kind}) down: ${failureEffect(f.before)} -> ${failureEffect(f.after)}`);
    }
    return out.join('\n') + '\n';
}

function mdRow(r: DiffRow, mark: string): string {
    return `| ${mark} | ${r.source} | ${r.state} | \`${r.addressPrefix.join(', ')}\` | ${r.nextHopType} | ${r.nextHopIpAddress.join(', ') || '-'} |`;
}

function failoverMd(list: readonly FailoverChange[]): string[] {
    return ['| Failure | Kind | Before | After |', '|---|---|---|---|',
        ...list.map(f => `| \`${f.failure}\` | ${f.kind} | ${failureEffect(f.before)} | ${failureEffect(f.after)} |`)];
}

/** A pull-request comment: headline, intents first (they decide the exit code), then the rest in sections. */
export function formatDiffMarkdown(d: DiffReport): string {
    const icon = d.intents.broken.length ? ':x:' : ':white_check_mark:';
    const out = [`### ${icon} azrs diff: ${diffHeadline(d)}`];
    if (d.intents.broken.length || d.intents.fixed.length) {
        out.push('', '**Intents**', '');
        for (const n of d.intents.broken) out.push(`- :x: \`${n}\` newly broken`);
        for (const n of d.intents.fixed) out.push(`- :white_check_mark: \`${n}\` fixed`);
    }
    if (d.routes.length) {
        out.push('', `**Effective routes** (${plural(d.routes.length, 'VM')})`);
        for (const g of grouped(d.routes)) {
            out.push('', `<details><summary>${vmList(g.vms, false)}</summary>`, '',
                '| | Source | State | Address prefix | Next hop type | Next hop IP |', '|---|---|---|---|---|---|');
            for (const r of g.change.added) out.push(mdRow(r, 'added'));
            for (const r of g.change.removed) out.push(mdRow(r, 'removed'));
            for (const c of g.change.changed) out.push(mdRow(c.before, 'before'), mdRow(c.after, 'after'));
            out.push('', '</details>');
        }
    }
    if (d.diagnostics.added.length || d.diagnostics.removed.length) {
        out.push('', '**Diagnostics**', '');
        for (const x of d.diagnostics.added) out.push(`- added: \`${x.file}:${x.line}:${x.column}\` ${x.severity} \`${x.code}\`: ${x.message}`);
        for (const x of d.diagnostics.removed) out.push(`- removed: \`${x.file}:${x.line}:${x.column}\` ${x.severity} \`${x.code}\`: ${x.message}`);
    }
    if (d.failover?.length) out.push('', '**Single failures whose effect changed**', '', ...failoverMd(d.failover));
    return out.join('\n') + '\n';
}
