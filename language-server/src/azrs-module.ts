import type { DeepPartial, Module } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { WorkspaceAnalysis } from './analysis/workspace-analysis.js';
import { AzrsGeneratedModule, AzrsGeneratedSharedModule } from './generated/module.js';
import { AzrsCodeActionProvider } from './lsp/azrs-code-actions.js';
import { AzrsCodeLensProvider } from './lsp/azrs-code-lens.js';
import { AzrsCompletionProvider } from './lsp/azrs-completion.js';
import { AzrsFormatter } from './lsp/azrs-formatter.js';
import { AzrsHoverProvider } from './lsp/azrs-hover.js';
import { AzrsRenameProvider } from './lsp/azrs-rename.js';
import { AzrsSemanticTokenProvider } from './lsp/azrs-semantic-tokens.js';
import { AzrsAsyncParser } from './parser/azrs-async-parser.js';
import { AzrsDocumentFactory } from './parser/azrs-document-factory.js';
import { AzrsLexer } from './parser/azrs-lexer.js';
import { AzrsParserErrorMessageProvider } from './parser/azrs-parser-messages.js';
import { createAzrsParser } from './parser/azrs-parser.js';
import { AzrsLinker } from './references/azrs-linker.js';
import { AzrsReferenceDescriptionProvider } from './references/azrs-reference-descriptions.js';
import { AzrsScopeComputation } from './references/azrs-scope-computation.js';
import { AzrsDocumentValidator } from './validation/azrs-document-validator.js';
import { AzrsValidator, registerValidationChecks } from './validation/azrs-validator.js';

/** Services azrs adds to Langium's. */
export type AzrsAddedServices = {
    analysis: {
        WorkspaceAnalysis: WorkspaceAnalysis;
    };
    validation: {
        AzrsValidator: AzrsValidator;
    };
};

export type AzrsServices = LangiumServices & AzrsAddedServices;

export const AzrsModule: Module<AzrsServices, PartialLangiumServices & AzrsAddedServices> = {
    analysis: {
        WorkspaceAnalysis: services => new WorkspaceAnalysis(services.shared)
    },
    parser: {
        AsyncParser: services => new AzrsAsyncParser(services),
        LangiumParser: services => createAzrsParser(services),
        Lexer: services => new AzrsLexer(services),
        ParserErrorMessageProvider: () => new AzrsParserErrorMessageProvider()
    },
    references: {
        Linker: services => new AzrsLinker(services),
        ScopeComputation: services => new AzrsScopeComputation(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new AzrsReferenceDescriptionProvider(services)
    },
    validation: {
        AzrsValidator: services => new AzrsValidator(services),
        DocumentValidator: services => new AzrsDocumentValidator(services)
    },
    lsp: {
        CodeActionProvider: () => new AzrsCodeActionProvider(),
        CompletionProvider: services => new AzrsCompletionProvider(services),
        Formatter: () => new AzrsFormatter(),
        HoverProvider: services => new AzrsHoverProvider(services),
        RenameProvider: services => new AzrsRenameProvider(services),
        CodeLensProvider: services => new AzrsCodeLensProvider(services.analysis.WorkspaceAnalysis),
        SemanticTokenProvider: services => new AzrsSemanticTokenProvider(services)
    }
};

export const AzrsSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        LangiumDocumentFactory: services => new AzrsDocumentFactory(services)
    }
};

/**
 * Creates the shared services and the azrs language services. The language server, the CLI and the
 * tests all build documents through these.
 */
export function createAzrsServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Azrs: AzrsServices } {
    const shared = inject(createDefaultSharedModule(context), AzrsGeneratedSharedModule, AzrsSharedModule);
    const Azrs = inject(createDefaultModule({ shared }), AzrsGeneratedModule, AzrsModule);
    shared.ServiceRegistry.register(Azrs);
    registerValidationChecks(Azrs);
    if (!context.connection) {
        // No client to ask for settings (CLI, tests).
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Azrs };
}
