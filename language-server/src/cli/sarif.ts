import { RULES, type Severity } from '../validation/issue-codes.js';

/** One diagnostic as `azrs check --format json` prints it (docs/language.md §5): 1-based lines and columns. */
export interface SarifInputDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: Severity;
    readonly code: string;
    readonly message: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const AZRS_INFORMATION_URI = 'https://github.com/azrs/azrs';

export function sarifLevel(severity: Severity): SarifLevel {
    return severity === 'info' ? 'note' : severity;
}

/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): one run, the whole rule catalogue as
 * `tool.driver.rules` so that `ruleIndex` is stable across runs, and one result per diagnostic.
 * Codes outside the catalogue (Langium's parse and linking errors) get a rule appended after it.
 * `file` is kept relative, with forward slashes, as SARIF consumers resolve it from the checkout.
 */
export function toSarif(diagnostics: readonly SarifInputDiagnostic[], toolVersion: string): object {
    const rules: object[] = RULES.map(r => ({
        id: r.code,
        name: ruleName(r.code),
        shortDescription: { text: r.title },
        helpUri: r.docUrl,
        help: { text: `${r.title}. See ${r.docUrl}`, markdown: `${r.title}. [Documentation](${r.docUrl})` },
        defaultConfiguration: { level: sarifLevel(r.severity) },
        properties: { tags: ['azure', 'route-server', r.group] }
    }));
    const index = new Map<string, number>(RULES.map((r, i) => [r.code, i]));
    const indexOf = (d: SarifInputDiagnostic): number => {
        let i = index.get(d.code);
        if (i === undefined) {
            i = rules.length;
            index.set(d.code, i);
            rules.push({
                id: d.code,
                name: ruleName(d.code),
                shortDescription: { text: d.code === 'unknown' ? 'Diagnostic without a code' : `Langium ${d.code.replace(/-/g, ' ')}` },
                defaultConfiguration: { level: sarifLevel(d.severity) }
            });
        }
        return i;
    };
    const results = diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: indexOf(d),
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{
            physicalLocation: {
                artifactLocation: { uri: artifactUri(d.file) },
                region: region(d)
            }
        }]
    }));
    const artifacts = [...new Set(diagnostics.map(d => artifactUri(d.file)))];
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'azrs',
                    version: toolVersion,
                    semanticVersion: /^\d+\.\d+\.\d+/.test(toolVersion) ? toolVersion : undefined,
                    informationUri: AZRS_INFORMATION_URI,
                    rules
                }
            },
            // LSP columns count UTF-16 code units, as SARIF's default does.
            columnKind: 'utf16CodeUnits',
            artifacts: artifacts.map(uri => ({ location: { uri } })),
            results
        }]
    };
}

/** `missing-as-override` -> `MissingAsOverride`, the form SARIF viewers show next to the id. */
function ruleName(code: string): string {
    return code.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A relative URI reference with forward slashes; characters outside RFC 3986 percent-encoded. */
export function artifactUri(file: string): string {
    let path = file.replace(/\\/g, '/');
    if (/^[A-Za-z]:\//.test(path)) path = `/${path}`;
    if (path.startsWith('./')) path = path.slice(2);
    const encoded = path.split('/').map(segment => encodeURIComponent(segment).replace(/%3A/gi, ':')).join('/');
    return path.startsWith('/') ? `file://${encoded}` : encoded;
}

/** SARIF regions are 1-based; an empty range (a parse error at end of file) still needs endColumn ≥ startColumn. */
function region(d: SarifInputDiagnostic): object {
    const startLine = Math.max(1, d.line);
    const startColumn = Math.max(1, d.column);
    const endLine = Math.max(startLine, d.endLine);
    const endColumn = endLine === startLine ? Math.max(startColumn, d.endColumn) : Math.max(1, d.endColumn);
    return { startLine, startColumn, endLine, endColumn };
}
