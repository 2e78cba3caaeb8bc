import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { createAzrsServices } from '../language-server/src/azrs-module.js';
import type { Model } from '../language-server/src/generated/ast.js';
import type { Diagnostic } from 'vscode-languageserver-types';

/** Fresh services over an in-memory file system, as the CLI and the server build them. */
export function createTestServices() {
    return createAzrsServices(EmptyFileSystem);
}

let counter = 0;

/**
 * Parses, links and validates one or more `.azrs` texts as one workspace, the way the server does.
 * Returns the documents in the order given and their diagnostics.
 */
export async function buildWorkspace(texts: string[] | string, services = createTestServices()): Promise<{
    services: ReturnType<typeof createTestServices>;
    documents: LangiumDocument<Model>[];
    diagnostics: Diagnostic[][];
}> {
    const list = Array.isArray(texts) ? texts : [texts];
    const run = counter++;
    const documents = list.map((text, i) => services.shared.workspace.LangiumDocumentFactory.fromString<Model>(
        text, URI.parse(`file:///ws${run}/file${i}.azrs`)));
    for (const d of documents) services.shared.workspace.LangiumDocuments.addDocument(d);
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services, documents, diagnostics: documents.map(d => d.diagnostics ?? []) };
}

/** `code@line:col-line:col` (1-based) of each diagnostic, for compact assertions. */
export function codesAt(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
}

export function codes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code));
}
