import type { ElementVerification, VerifyBgpSide, VerifyRouteSide } from '../verify/index.js';

/** Rows shown before "… N more". */
const MAX_ROWS = 30;

function cell(side: VerifyRouteSide | VerifyBgpSide | null): string {
    if (!side) return '—';
    if ('asPath' in side) return `AS path ${side.asPath || '(empty)'}${side.nextHop ? ` via ${side.nextHop}` : ''}`;
    const ips = side.nextHopIpAddress.length ? ` ${side.nextHopIpAddress.join(', ')}` : '';
    return `${side.source} · ${side.state} · ${side.nextHopType}${ips}`;
}

/**
 * The hover section of `azrs verify` (docs/language.md §4): azrs's and Azure's rows side by side, the
 * differing ones first, then the not-modelled count. Markdown.
 */
export function verifyHover(verifications: readonly ElementVerification[]): string {
    const parts: string[] = [];
    for (const v of verifications) {
        const title = v.differences.length
            ? `**Compared with Azure** (${v.file}): ${v.differences.length} difference${v.differences.length === 1 ? '' : 's'}, ${v.matched} matching`
            : `**Compared with Azure** (${v.file}): all ${v.matched} rows match`;
        const rows = [...v.rows.filter(r => !r.agrees), ...v.rows.filter(r => r.agrees)];
        const lines = ['| | Prefix | azrs | Azure |', '|---|---|---|---|',
            ...rows.slice(0, MAX_ROWS).map(r => `| ${r.agrees ? '=' : '≠'} | ${r.addressPrefix} | ${cell(r.azrs)} | ${cell(r.azure)} |`)];
        if (rows.length > MAX_ROWS) lines.push(`| | … ${rows.length - MAX_ROWS} more | | |`);
        const notModelled = v.notModelled.length ? `\n\n${v.notModelled.length} not modelled, not compared (${[...new Set(v.notModelled.map(n => n.reason))].join('; ')})` : '';
        parts.push(`${title}\n\n${lines.join('\n')}${notModelled}`);
    }
    return parts.join('\n\n');
}
