import type { Diagnostic } from 'vscode-languageserver-types';
import type { LoadedWorkspace } from './workspace-loader.js';

export interface CliDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info';
    code: string;
    message: string;
}

/** Diagnostics of every file, in the order of the files, 1-based (docs/language.md §5). */
export function collectDiagnostics(workspace: LoadedWorkspace): CliDiagnostic[] {
    return workspace.files.flatMap(file => workspace.diagnosticsOf(file).map(d => toCli(file.display, d)));
}

function toCli(file: string, d: Diagnostic): CliDiagnostic {
    return {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
        code: String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'unknown'),
        message: typeof d.message === 'string' ? d.message : d.message.value
    };
}

const COLOURS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', bold: '\u001b[1m', reset: '\u001b[0m' };

/** `file:line:col: severity code: message`, like a compiler; coloured on a TTY. */
export function formatText(diagnostics: readonly CliDiagnostic[], colour: boolean): string {
    const lines = diagnostics.map(d => {
        const location = `${d.file}:${d.line}:${d.column}`;
        if (!colour) return `${location}: ${d.severity} ${d.code}: ${d.message}`;
        return `${COLOURS.bold}${location}${COLOURS.reset}: ${COLOURS[d.severity]}${d.severity} ${d.code}${COLOURS.reset}: ${d.message}`;
    });
    return lines.length ? lines.join('\n') + '\n' : '';
}

export function summary(diagnostics: readonly CliDiagnostic[], files: number): string {
    const count = (s: CliDiagnostic['severity']) => diagnostics.filter(d => d.severity === s).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `${plural(files, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
}

export function exitCodeFor(diagnostics: readonly CliDiagnostic[]): number {
    return diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
