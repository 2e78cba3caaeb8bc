import type { AstNode, LangiumCoreServices, LangiumDocument, ValidateSingleNodeOptions, ValidationOptions } from 'langium';
import { Cancellation, DefaultDocumentValidator, VALIDATE_EACH_NODE } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { importGapDiagnostics } from './import-gap.js';
import { RULES_BY_CODE } from './issue-codes.js';

const SUPPRESS = /\/\/\s*azrs-disable-next-line\b([^\n\r]*)/;

/**
 * Adds each azrs code's documentation link (`codeDescription`) and honours
 * `// azrs-disable-next-line <code> [<code>...]` for the server and the CLI alike: a diagnostic
 * that starts on the line after such a comment, with one of its codes, is dropped.
 */
export class AzrsDocumentValidator extends DefaultDocumentValidator {
    private nestedChecks: boolean | undefined;

    constructor(private readonly core: LangiumCoreServices) {
        super(core);
    }

    /**
     * The azrs checks run on the whole model at once (its literals, then the workspace analysis).
     * While no check is registered on a nested type, the walk stops at the root instead of awaiting
     * once for each of the tens of thousands of nodes of a landing zone.
     */
    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions): ValidateSingleNodeOptions {
        this.nestedChecks ??= this.core.shared.AstReflection.getAllTypes()
            .some(type => type !== 'Model' && !this.validationRegistry.getChecks(type).isEmpty());
        return this.nestedChecks ? super.validateSingleNodeOptions(node, options) : { ...VALIDATE_EACH_NODE, validateChildren: false };
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const lines = document.textDocument.getText().split(/\r?\n/);
        // import-gap: markers written by azrs import (validation/import-gap.ts).
        if (lines.some(l => l.includes('azrs-import-gap:'))) diagnostics.push(...importGapDiagnostics(lines));
        if (diagnostics.length === 0) return diagnostics;
        return diagnostics.filter(d => !isSuppressed(d, lines)).map(withDocLink);
    }
}

export function suppressedCodes(line: string | undefined): string[] {
    const m = line ? SUPPRESS.exec(line) : null;
    return m ? m[1].split(/[\s,]+/).filter(Boolean) : [];
}

function isSuppressed(d: Diagnostic, lines: string[]): boolean {
    const codes = suppressedCodes(lines[d.range.start.line - 1]);
    return codes.length > 0 && typeof d.code === 'string' && codes.includes(d.code);
}

function withDocLink(d: Diagnostic): Diagnostic {
    const rule = typeof d.code === 'string' ? RULES_BY_CODE.get(d.code) : undefined;
    if (rule) return { ...d, source: 'azrs', codeDescription: { href: rule.docUrl } };
    return { ...d, source: 'azrs' };
}
