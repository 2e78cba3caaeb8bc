import { URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AzrsServices } from '../azrs-module.js';
import type { Model } from '../generated/ast.js';

/**
 * Formats imported `.azrs` text with the project's own formatter (lsp/azrs-formatter.ts), so an
 * import looks like a file written in the editor. A text that does not parse is a bug of the
 * writer: the parser's first error is thrown with the file name.
 */
export async function formatAzrs(azrs: AzrsServices, name: string, text: string): Promise<string> {
    const document = azrs.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(`memory:///import/${name}`));
    const errors = [...document.parseResult.lexerErrors.map(e => e.message), ...document.parseResult.parserErrors.map(e => `line ${e.token.startLine}: ${e.message}`)];
    if (errors.length > 0) throw new Error(`azrs import wrote ${name} that does not parse: ${errors[0]}`);
    const formatter = azrs.lsp.Formatter;
    if (!formatter) return text;
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    return TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'azrs', 0, text), edits);
}
