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

const FILE_MARKER = '// azrs-import-file: ';

/**
 * Formats all files of an import as one document, split again at marker comments: half the CPU
 * time of formatting a thousand small documents one by one (bench/import-bench.ts). When the
 * markers do not come back in order, each file is formatted on its own.
 */
export async function formatAzrsFiles(azrs: AzrsServices, files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const names = [...files.keys()];
    const joined = names.map(n => `${FILE_MARKER}${n}\n${files.get(n)!}`).join('\n');
    const formatted = await formatAzrs(azrs, 'import.azrs', joined);
    const parts = formatted.split(new RegExp(`^${FILE_MARKER}(.+)$`, 'm'));
    const out = new Map<string, string>();
    for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i], `${parts[i + 1].replace(/^\s*\n/, '').trimEnd()}\n`);
    if (parts[0].trim() === '' && [...out.keys()].join('\n') === names.join('\n')) return out;
    for (const n of names) out.set(n, await formatAzrs(azrs, n, files.get(n)!));
    return out;
}
