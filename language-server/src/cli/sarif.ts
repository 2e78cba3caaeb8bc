import type { CliDiagnostic } from './check.js';
import { RULES, ruleDocUrl } from '../validation/issue-codes.js';

/** SARIF 2.1.0 for code scanning (minimal until the full rule metadata lands). */
export function toSarif(diagnostics: readonly CliDiagnostic[], toolVersion: string): object {
    const index = new Map(RULES.map((r, i) => [r.code as string, i]));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'azrs', version: toolVersion, rules: RULES.map(r => ({ id: r.code, shortDescription: { text: r.title }, helpUri: ruleDocUrl(r.code) })) } },
            results: diagnostics.map(d => ({
                ruleId: d.code,
                ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
                level: d.severity === 'info' ? 'note' : d.severity,
                message: { text: d.message },
                locations: [{ physicalLocation: { artifactLocation: { uri: d.file.replace(/\\/g, '/') }, region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn } } }]
            }))
        }]
    };
}
