import type { Cancellation, ValidationAcceptor, ValidationChecks } from 'langium';
import type { AzrsAstType, Model } from '../generated/ast.js';
import type { AzrsServices } from '../azrs-module.js';
import { checkLiterals } from './literal-checks.js';
import { ruleDocUrl } from './issue-codes.js';

export function registerValidationChecks(services: AzrsServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.AzrsValidator;
    const checks: ValidationChecks<AzrsAstType> = {
        Model: [validator.checkLiterals, validator.checkTopology]
    };
    registry.register(checks, validator);
}

/**
 * The checks of docs/language.md §3. Literal checks run on the AST of each document; the others run once
 * per workspace build over the resolved topology (WorkspaceAnalysis) and each document reports the
 * findings anchored in it.
 */
export class AzrsValidator {
    constructor(private readonly services: AzrsServices) {}

    checkLiterals(model: Model, accept: ValidationAcceptor): void {
        checkLiterals(model, accept);
    }

    async checkTopology(model: Model, accept: ValidationAcceptor, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const uri = model.$document?.uri.toString();
        if (!uri) return;
        const analysis = await this.services.analysis.WorkspaceAnalysis.getAsync(cancelToken);
        // `azrs verify`'s differences, when the editor has a folder of Azure outputs (analysis/verify-analysis.ts).
        const verified = this.services.analysis.VerifyAnalysis.get().findingsByUri.get(uri) ?? [];
        for (const f of [...(analysis.findingsByUri.get(uri) ?? []), ...verified]) {
            accept(f.severity === 'info' ? 'info' : f.severity, f.message, {
                node: model, range: f.at.range, code: f.code,
                data: { code: f.code, ...f.data }
            });
        }
    }
}

export { ruleDocUrl };
