import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LangiumDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient, RequestTimeout } from '../../bench/lsp-client.js';
import { diagramResponse } from '../../language-server/src/diagram/index.js';
import { ROOT } from '../cli/cli-run.js';
import { buildWorkspace } from '../helpers.js';
import { dump, LONG, lineLengths, mutatedText, rangeProblem, runs } from './mutations.js';

/**
 * Robustness (property-based, fast-check): mutated samples go to the services, to a running
 * `azrs lsp --stdio` and to `azrs check`. Nothing may throw, hang (every request answered within
 * 5 s), reject unhandled, log an error, or put a diagnostic outside the document.
 *
 * `npm test` runs a few dozen inputs per target; `npm run fuzz` (AZRS_FUZZ_LONG=1) spends ten
 * minutes in all: three in process, three on the server, two on the CLI, and two re-parsing edited
 * elements (reparse.test.ts).
 */

const REQUEST_MS = 5000;
const LONG_MS = { services: 3 * 60_000, server: 3 * 60_000, cli: 2 * 60_000 };
const testTimeout = (longMs: number, shortMs: number) => LONG ? longMs + 60_000 : shortMs;

const DIAGRAM_MAX_ELEMENTS = 150;

function elementCount(text: string): number {
    return text.match(/\b(?:hub|spoke|vnet|onprem|subnet|routeServer|gateway|nva|vm|peering|bgp|routeTable|route)\b/g)?.length ?? 0;
}

/** Requests an LSP client may legitimately see fail: cancelled or superseded by an edit. */
const BENIGN_ERRORS = new Set([-32800, -32801, -32802]);

/** Splits a text in two at a line break, so that some inputs are two-file workspaces. */
function split(text: string, at: number): string[] {
    const nl = text.indexOf('\n', Math.floor(text.length * (at % 100) / 100));
    return nl < 0 ? [text] : [text.slice(0, nl + 1), text.slice(nl + 1)];
}

function positions(text: string, seeds: readonly number[]): Array<{ line: number; character: number }> {
    const lines = lineLengths(text);
    return seeds.map(s => {
        const line = s % lines.length;
        return { line, character: Math.floor(s / lines.length) % (lines[line] + 1) };
    });
}

function expectInside(diagnostics: readonly Diagnostic[], text: string, where: string): void {
    const lines = lineLengths(text);
    for (const d of diagnostics) {
        const problem = rangeProblem(d.range, lines);
        if (problem) expect.fail(`${where}: diagnostic ${d.code ?? ''} '${typeof d.message === 'string' ? d.message : ''}' is outside the document: ${problem}`);
    }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
beforeAll(() => { process.on('unhandledRejection', onUnhandled); });
afterAll(() => { process.off('unhandledRejection', onUnhandled); });

describe('fuzz: services in process', () => {
    it('build, diagnostics and every LSP service survive mutated input', async () => {
        await fc.assert(fc.asyncProperty(mutatedText, fc.nat(), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), async (text, cut, seeds) => {
            dump(text);
            const texts = cut % 3 === 0 ? split(text, cut) : [text];
            const { services, documents } = await buildWorkspace(texts);
            const lsp = services.Azrs.lsp;
            for (const doc of documents as LangiumDocument[]) {
                const docText = doc.textDocument.getText();
                const diagnostics = doc.diagnostics ?? [];
                expectInside(diagnostics, docText, 'services');
                const textDocument = { uri: doc.uri.toString() };
                for (const position of positions(docText, seeds)) {
                    await lsp.HoverProvider?.getHoverContent(doc, { textDocument, position });
                    await lsp.CompletionProvider?.getCompletion(doc, { textDocument, position });
                    await lsp.DefinitionProvider?.getDefinition(doc, { textDocument, position });
                }
                const all = { start: { line: 0, character: 0 }, end: doc.textDocument.positionAt(docText.length) };
                await lsp.CodeActionProvider?.getCodeActions(doc, { textDocument, range: all, context: { diagnostics } });
                const edits = await lsp.Formatter?.formatDocument(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } });
                for (const e of edits ?? []) {
                    const problem = rangeProblem(e.range, lineLengths(docText));
                    if (problem) expect.fail(`formatting edit outside the document: ${problem}`);
                }
                await lsp.DocumentSymbolProvider?.getSymbols(doc, { textDocument });
                await lsp.FoldingRangeProvider?.getFoldingRanges(doc, { textDocument });
                await lsp.SemanticTokenProvider?.semanticHighlight(doc, { textDocument });
                await lsp.CodeLensProvider?.provideCodeLens(doc, { textDocument });
            }
            const { built, routing, findings } = services.Azrs.analysis.WorkspaceAnalysis.get();
            await diagramResponse(built.topology, routing, findings, undefined);
            expect(unhandled).toEqual([]);
        }), { ...runs(40, LONG_MS.services), timeout: REQUEST_MS });
    }, testTimeout(LONG_MS.services, 60_000));
});

describe('fuzz: azrs lsp --stdio', () => {
    let client: LspClient;
    const uri = 'file:///fuzz/fuzz.azrs';
    let version = 1;

    beforeAll(async () => {
        client = new LspClient(join(ROOT, 'bin', 'azrs.cjs'), { cwd: ROOT });
        await client.initialize();
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'azrs', version, text: '' } });
    });
    afterAll(async () => { await client?.shutdown(); });

    async function ask(method: string, params: object): Promise<unknown> {
        let response;
        try {
            response = await client.requestRaw(method, params, REQUEST_MS);
        } catch (e) {
            if (e instanceof RequestTimeout) expect.fail(`${method} hung: ${e.message}`);
            throw e;
        }
        if (response.error && !BENIGN_ERRORS.has(response.error.code)) {
            expect.fail(`${method} failed: ${response.error.code} ${response.error.message}`);
        }
        return response.result;
    }

    it('answers every request on mutated input and stays up', async () => {
        await fc.assert(fc.asyncProperty(mutatedText, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (text, seeds) => {
            dump(text);
            const mark = client.notifications.length;
            version++;
            client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
            const published = await client.nextDiagnostics(uri, mark, REQUEST_MS).catch(e => expect.fail(`no diagnostics within ${REQUEST_MS} ms: ${e.message}`));
            expectInside(published.params.diagnostics, text, 'server');
            const textDocument = { uri };
            for (const position of positions(text, seeds)) {
                await ask('textDocument/hover', { textDocument, position });
                await ask('textDocument/completion', { textDocument, position });
                await ask('textDocument/definition', { textDocument, position });
            }
            const lines = lineLengths(text);
            const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1] } };
            await ask('textDocument/codeAction', { textDocument, range, context: { diagnostics: published.params.diagnostics } });
            await ask('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } });
            await ask('textDocument/documentSymbol', { textDocument });
            await ask('textDocument/semanticTokens/full', { textDocument });
            await ask('textDocument/codeLens', { textDocument });
            // Open: the diagram's ELK layout grows far faster than linearly with the node count (200
            // spokes take 6 s, 400 take 36 s; with considerModelOrder/forceNodeModelOrder off, 800
            // take 1.3 s), and blocks the server meanwhile. Until that is fixed, only diagrams of
            // moderate size are asked for here.
            if (elementCount(text) <= DIAGRAM_MAX_ELEMENTS) await ask('azrs/diagram', { uri });
            const vm = /\bvm\s+([A-Za-z_][A-Za-z0-9_-]*)/.exec(text)?.[1];
            if (vm) await ask('azrs/effectiveRoutes', { vm });
            const errors = client.notifications.slice(mark).filter(n => n.method === 'window/logMessage' && n.params.type === 1);
            if (errors.length) expect.fail(`the server logged errors: ${errors.map(e => e.params.message).join('\n')}`);
            if (client.exit) expect.fail(`the server exited: ${JSON.stringify(client.exit)}\n${client.stderr}`);
        }), { ...runs(25, LONG_MS.server), timeout: 4 * REQUEST_MS, endOnFailure: true });
        expect(client.exit).toBeUndefined();
        expect(unhandled).toEqual([]);
    }, testTimeout(LONG_MS.server, 60_000));
});

describe('fuzz: azrs check', () => {
    let dir: string;
    beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'azrs-fuzz-')); });
    afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

    it('exits 0 or 1 with diagnostics inside the file, never a stack trace', async () => {
        let n = 0;
        await fc.assert(fc.asyncProperty(mutatedText, async text => {
            dump(text);
            const file = join(dir, `case${n++}.azrs`);
            writeFileSync(file, text);
            const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'azrs.cjs'), 'check', file, '--format', 'json'], {
                encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26
            });
            if (r.error) expect.fail(`azrs check did not finish: ${r.error.message}`);
            if (r.status !== 0 && r.status !== 1) expect.fail(`azrs check exited ${r.status}: ${r.stderr}`);
            expect(r.stderr).not.toMatch(/\n\s+at |internal error|TypeError|RangeError|ReferenceError/);
            const lines = lineLengths(text);
            for (const d of JSON.parse(r.stdout).diagnostics) {
                const range = { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } };
                const problem = rangeProblem(range, lines);
                if (problem) expect.fail(`azrs check: ${d.code} outside the file: ${problem}`);
            }
        }), { ...runs(6, LONG_MS.cli), timeout: 30_000 });
    }, testTimeout(LONG_MS.cli, 60_000));
});
