import { formatAddress } from '../model/prefix.js';
import type { Branch, FlowTrace, Hop, PathTrace } from '../routing/forwarding.js';
import { routeText } from '../routing/forwarding.js';
import { describe } from '../routing/forwarding-text.js';

/**
 * `azrs trace` output: a traceroute-like text (hop, device, NIC, route used, next hop, and why),
 * and the JSON of docs/language.md §5.
 */

/** One hop as `trace --format json` prints it. */
export interface HopJson {
    hop: number;
    device: string;
    nic: string | null;
    route: { addressPrefix: string; source: string; nextHopType: string; nextHopIpAddress: string[] } | null;
    nextHop: string | null;
}

/** A trace as `trace --format json` prints it (docs/language.md §5). */
export interface TraceJson {
    from: string;
    to: string;
    disposition: string;
    returnDisposition: string | null;
    forward: HopJson[];
    return: HopJson[];
    asymmetric: string[];
    reason: string | null;
    forwardBranches?: HopJson[][];
    returnBranches?: HopJson[][];
}

function hopJson(h: Hop): HopJson {
    return {
        hop: h.hop,
        device: h.device.name,
        nic: h.nic ?? null,
        route: h.route ? {
            addressPrefix: h.route.addressPrefix, source: h.route.source, nextHopType: h.route.nextHopType,
            nextHopIpAddress: [...h.route.nextHopIpAddress]
        } : null,
        nextHop: h.nextHop?.name ?? null
    };
}

/**
 * The reason a user reads: the forward path's when it is not delivered, else the reply's, else
 * the asymmetry; null when the flow is delivered both ways through the same stateful devices.
 */
export function flowReason(t: FlowTrace): string | null {
    if (t.forward.failing) return t.forward.reason;
    if (t.reply?.failing) return `reply: ${t.reply.reason}`;
    if (t.asymmetric.length > 0) return asymmetryText(t);
    return null;
}

/** `asymmetric: stateful NVA 'nva1' sees only the forward path; stateful firewall 'azfw' sees only the reply` */
export function asymmetryText(t: FlowTrace): string {
    const onForward = new Set(t.forward.branches.flatMap(b => b.hops.map(h => h.device)));
    return 'asymmetric: ' + t.asymmetric.map(n => `stateful ${describe(n)} sees only the ${onForward.has(n) ? 'forward path' : 'reply'}`).join('; ');
}

export function traceJson(t: FlowTrace): TraceJson {
    const out: TraceJson = {
        from: t.from.name,
        to: formatAddress(t.destination),
        disposition: t.forward.disposition,
        returnDisposition: t.reply?.disposition ?? null,
        forward: t.forward.branches[0].hops.map(hopJson),
        return: t.reply ? t.reply.branches[0].hops.map(hopJson) : [],
        asymmetric: t.asymmetric.map(n => n.name),
        reason: flowReason(t)
    };
    if (t.forward.branches.length > 1) out.forwardBranches = t.forward.branches.map(b => b.hops.map(hopJson));
    if (t.reply && t.reply.branches.length > 1) out.returnBranches = t.reply.branches.map(b => b.hops.map(hopJson));
    return out;
}

/** The traceroute-like text of one flow, both ways. */
export function traceText(t: FlowTrace): string {
    const lines = [`trace ${t.from.name} (${formatAddress(t.source)}) -> ${formatAddress(t.destination)}`, ''];
    lines.push(...pathText('forward', t.forward));
    lines.push('');
    if (t.reply) lines.push(...pathText('return', t.reply));
    else lines.push('return: not traced (nothing was delivered)');
    lines.push('');
    lines.push(t.asymmetric.length > 0 ? asymmetryText(t) : 'asymmetric: none');
    return lines.join('\n') + '\n';
}

function pathText(title: string, p: PathTrace): string[] {
    const out: string[] = [];
    p.branches.forEach((b, i) => {
        const label = p.branches.length > 1 ? `${title} (ECMP branch ${i + 1} of ${p.branches.length})` : title;
        out.push(`${label}: ${b.disposition}${b.reason ? ` (${b.reason})` : ''}`);
        out.push(...hopTable(b));
    });
    return out;
}

function hopTable(b: Branch): string[] {
    const rows = [['Hop', 'Device', 'NIC', 'Source', 'Route used', 'Next hop', 'Why']];
    for (const h of b.hops) {
        rows.push([String(h.hop), h.device.name, h.nic ?? '-', h.route?.source ?? '-', h.route ? routeText(h.route) : '-', h.nextHop?.name ?? '-', h.why]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
    return rows.map(r => '  ' + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

/**
 * `--all-sites`: one row per VM, one column per site prefix; a cell is the forward disposition,
 * `/` the reply's when it differs, and ` asym` when a stateful NVA sees one direction only.
 */
export function matrixText(columns: readonly string[], rows: ReadonlyArray<{ vm: string; flows: readonly FlowTrace[] }>): string {
    const table = [['VM', ...columns]];
    for (const r of rows) table.push([r.vm, ...r.flows.map(cell)]);
    const widths = table[0].map((_, c) => Math.max(...table.map(r => r[c].length)));
    return table.map(r => r.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}

function cell(t: FlowTrace): string {
    let text = t.forward.disposition;
    if (t.reply && t.reply.disposition !== t.forward.disposition) text += `/${t.reply.disposition}`;
    if (t.asymmetric.length > 0) text += ' asym';
    return text;
}

/** Whether a flow counts as delivered for the exit code: both ways. */
export function deliveredBothWays(t: FlowTrace): boolean {
    return t.forward.disposition === 'delivered' && t.reply?.disposition === 'delivered';
}
