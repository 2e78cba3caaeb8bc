import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { IssueCodes, ruleOf } from './issue-codes.js';

const LSP_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const MARKER = /^\s*\/\/\s*azrs-import-gap:\s*(.+?)\s*$/;

/**
 * `import-gap` (docs/language.md §3 v2, info): `azrs import` writes `// azrs-import-gap: <what>` above
 * an element whose fact no imported source held (what an NVA advertises, a site's prefixes behind
 * ExpressRoute). Each marker is one finding, anchored on the first line of code after it (the
 * element left at its default); deleting the comment once the fact is filled in clears it.
 */
export function importGapDiagnostics(lines: readonly string[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (let i = 0; i < lines.length; i++) {
        const m = MARKER.exec(lines[i]);
        if (!m) continue;
        let j = i + 1;
        while (j < lines.length && (/^\s*$/.test(lines[j]) || /^\s*\/\//.test(lines[j]))) j++;
        const line = j < lines.length ? j : i;
        const text = lines[line];
        const start = text.length - text.trimStart().length;
        out.push({
            range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } },
            severity: LSP_SEVERITY[ruleOf(IssueCodes.ImportGap).severity],
            code: IssueCodes.ImportGap,
            message: `Imported without ${m[1]}: the sources did not hold it, so the default is used. Fill it in and delete the azrs-import-gap comment.`
        });
    }
    return out;
}
