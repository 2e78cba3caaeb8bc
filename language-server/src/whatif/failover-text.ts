import type { FailoverReport, FailureDetail } from './failover.js';

/**
 * `azrs failover` as text for a terminal and as markdown for a pull-request comment: a summary
 * line and table first, then one section per failure that breaks something.
 */

function plural(n: number, word: string, many = `${word}s`): string {
    return `${n} ${n === 1 ? word : many}`;
}

/** The prefixes a failure cuts off, with how many VMs lose each set: `40 VMs lose 10.2.13.0/25`. */
export function lostSummary(f: FailureDetail): string[] {
    const groups = new Map<string, number>();
    for (const l of f.lostRoutes) groups.set(l.prefixes.join(', '), (groups.get(l.prefixes.join(', ')) ?? 0) + 1);
    return [...groups].map(([prefixes, vms]) => {
        const list = prefixes.split(', ');
        const shown = list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : prefixes;
        return `${plural(vms, 'VM')} ${vms === 1 ? 'loses' : 'lose'} ${shown}`;
    });
}

/** One failure's effect in a few words: `2 intents broken, 40 VMs lose 10.2.13.0/25`; `no effect`. */
export function effectSummary(f: FailureDetail): string {
    const parts: string[] = [];
    if (f.brokenIntents.length) parts.push(`${plural(f.brokenIntents.length, 'intent')} broken`);
    parts.push(...lostSummary(f));
    if (f.asymmetric.length) parts.push(`${plural(f.asymmetric.length, 'asymmetric path')}`);
    if (f.loops.length) parts.push(`${plural(f.loops.length, 'loop')}`);
    return parts.length ? parts.join(', ') : 'nothing breaks';
}

function breaks(f: FailureDetail): boolean {
    return f.brokenIntents.length > 0 || f.lostRoutes.length > 0 || f.asymmetric.length > 0 || f.loops.length > 0;
}

/** The first line: `12 failures tried; hub1 down breaks 2 intents; ...`. */
export function headline(report: FailoverReport): string {
    if (report.tried === 0) {
        return `0 failures tried: no NVA, firewall, gateway connection or hub${report.allComponents ? ', route server or gateway' : ''} to fail`;
    }
    const parts = [`${plural(report.tried, 'failure')} tried`];
    const breaking = report.failures.filter(f => f.brokenIntents.length > 0);
    for (const f of breaking) parts.push(`${f.failure} down breaks ${plural(f.brokenIntents.length, 'intent')}`);
    const losing = report.failures.filter(f => f.brokenIntents.length === 0 && f.lostRoutes.length > 0);
    for (const f of losing) parts.push(`${f.failure} down cuts ${plural(f.lostRoutes.length, 'VM')} off a site prefix`);
    if (breaking.length === 0 && losing.length === 0) {
        parts.push(report.failures.some(breaks) ? 'no intent breaks and no VM loses a site' : 'every single failure is survived');
    }
    return parts.join('; ');
}

function componentsNote(report: FailoverReport): string {
    return report.allComponents
        ? 'Route servers and gateways are tried alone too (--all-components), although Azure runs each as a redundant pair of instances.'
        : 'Route servers and gateways are not tried alone: Azure runs each as a redundant pair of instances (use --all-components to try them); a hub failure takes them down with the hub.';
}

function notes(report: FailoverReport): string[] {
    const out = [componentsNote(report)];
    if (!report.pathsChecked) out.push('Intents, asymmetric paths and loops were not traced (the forwarding walk is not available); lost routes only.');
    if (report.brokenWithoutFailure.length) {
        out.push(`Already broken without any failure (see azrs check): ${report.brokenWithoutFailure.join(', ')}.`);
    }
    const unconverged = report.failures.filter(f => !f.converged).map(f => f.failure);
    if (unconverged.length) out.push(`Route propagation did not converge under: ${unconverged.join(', ')}; those routes are a snapshot.`);
    return out;
}

function detailLines(f: FailureDetail, md: boolean): string[] {
    const code = (s: string) => md ? `\`${s}\`` : s;
    const out: string[] = [];
    for (const name of f.brokenIntents) {
        const why = f.reasons.get(name);
        out.push(`intent ${code(name)} breaks${why ? `: ${why}` : ''}`);
    }
    const groups = new Map<string, { vms: string[]; prefixes: readonly string[]; was: string }>();
    for (const l of f.lostRoutes) {
        // Why: the routes the VMs used before, all of which went through what failed.
        const vias = new Set(l.prefixes.map(p => l.was?.get(p)).filter((w): w is string => w !== undefined));
        const was = vias.size === 0 ? '' : vias.size === 1 ? [...vias][0]
            : l.prefixes.filter(p => l.was?.has(p)).map(p => `${p} ${l.was!.get(p)}`).join('; ');
        const key = `${l.prefixes.join(',')}\u0000${was}`;
        const g = groups.get(key) ?? { vms: [], prefixes: l.prefixes, was };
        g.vms.push(l.element);
        groups.set(key, g);
    }
    for (const g of groups.values()) {
        const vms = g.vms.length > 10 ? `${g.vms.slice(0, 10).map(code).join(', ')} and ${g.vms.length - 10} more VMs` : g.vms.map(code).join(', ');
        const prefixes = g.prefixes.length > 5
            ? `${g.prefixes.slice(0, 5).map(code).join(', ')} and ${g.prefixes.length - 5} more prefixes` : g.prefixes.map(code).join(', ');
        out.push(`${vms} ${g.vms.length === 1 ? 'loses' : 'lose'} every route to ${prefixes}${g.was ? ` (before the failure: ${g.was})` : ''}`);
    }
    for (const a of f.asymmetric) out.push(`${code(a.from)} <-> ${code(a.to)} becomes asymmetric at ${a.devices.map(code).join(', ')}`);
    for (const l of f.loops) out.push(`${code(l.from)} -> ${code(l.to)} loops at ${code(l.device)}`);
    return out;
}

/** The text report: headline, notes, an aligned table, then the details of each failure that breaks something. */
export function formatFailoverText(report: FailoverReport): string {
    const rows = report.failures.map(f => [f.failure, f.kind, String(f.brokenIntents.length), String(f.lostRoutes.length),
        String(f.asymmetric.length), String(f.loops.length), effectSummary(f)]);
    const headers = ['Failure', 'Kind', 'Intents broken', 'VMs cut off', 'Asymmetric', 'Loops', 'Effect'];
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (c: readonly string[]) => c.map((v, i) => i === c.length - 1 ? v : v.padEnd(widths[i])).join('  ');
    const out = [headline(report), ...notes(report), '', line(headers), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)];
    for (const f of report.failures.filter(breaks)) {
        out.push('', `${f.failure} (${f.kind}) down:`, ...detailLines(f, false).map(l => `  ${l}`));
    }
    return out.join('\n') + '\n';
}

/** The markdown report, for a pull-request comment or the editor's details view. */
export function formatFailoverMarkdown(report: FailoverReport): string {
    const out = [`### azrs failover: ${headline(report)}`, '', ...notes(report).map(n => `> ${n}`), '',
        '| Failure | Kind | Intents broken | VMs cut off | Asymmetric | Loops | Effect |', '|---|---|---:|---:|---:|---:|---|'];
    for (const f of report.failures) {
        out.push(`| \`${f.failure}\` | ${f.kind} | ${f.brokenIntents.length} | ${f.lostRoutes.length} | ${f.asymmetric.length} | ${f.loops.length} | ${effectSummary(f)} |`);
    }
    for (const f of report.failures.filter(breaks)) {
        out.push('', `#### \`${f.failure}\` (${f.kind}) down`, '', ...detailLines(f, true).map(l => `- ${l}`));
    }
    return out.join('\n') + '\n';
}
