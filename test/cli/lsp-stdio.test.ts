import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../../bench/lsp-client.js';
import { ROOT } from './cli-run.js';

/** The server over stdio with a minimal JSON-RPC client: the cheapest proof that any LSP client can use it. */
describe('azrs lsp --stdio', () => {
    const client = new LspClient(join(ROOT, 'bin', 'azrs.cjs'), { cwd: ROOT });
    afterAll(() => client.kill());

    it('answers initialize and publishes diagnostics for an opened document', async () => {
        const init = await client.initialize();
        expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, documentFormattingProvider: true });
        expect(init.capabilities.completionProvider).toBeDefined();
        const uri = 'file:///virtual/stdio.azrs';
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'azrs', version: 1, text: 'hub h {\n  addressSpace: [10.0.0.1/16]\n}\n' } });
        const published = await client.waitFor(() => client.notifications.find(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0));
        expect(published.params.diagnostics.map((d: any) => [d.code, d.range.start.line, d.range.start.character, d.codeDescription?.href])).toEqual([
            ['prefix-host-bits', 1, 17, expect.stringMatching(/rules\.md#prefix-host-bits$/)]]);

        // The server survives any text: a burst of edits with garbage, then a valid document.
        for (let v = 2; v < 6; v++) {
            client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: '\u0000{{{ hub -> <-> 999.1/77 '.repeat(v) }] });
        }
        client.notify('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text: 'hub h { addressSpace: [10.0.0.0/16] }\n' }] });
        await client.waitFor(() => {
            const last = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1);
            return last && last.params.diagnostics.length === 0 ? last : undefined;
        });
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } });
        expect(hover.contents.value).toContain('**Hub h** · 10.0.0.0/16');
    });

    it('revalidates open documents when azrs.limits.routesPerPeer changes', async () => {
        const uri = 'file:///virtual/limit.azrs';
        const text = 'hub hub1 {\n  addressSpace: [10.1.0.0/16]\n  routeServer rs1 { subnet: 10.1.0.0/26 }\n'
            + '  nva sdwan1 { ip: 10.1.2.4, asn: 65001, advertises: [10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16] }\n}\nbgp sdwan1 <-> rs1\n';
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'azrs', version: 1, text } });
        const published = () => client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
        await client.waitFor(() => published().length > 0 ? true : undefined);
        expect(published().at(-1)!.params.diagnostics).toEqual([]);
        client.notify('workspace/didChangeConfiguration', { settings: { azrs: { limits: { routesPerPeer: 2 } } } });
        const limited = await client.waitFor(() => published().at(-1)!.params.diagnostics.find((d: any) => d.code === 'route-limit-exceeded'));
        expect(limited.range.start).toEqual({ line: 5, character: 0 });
        client.notify('workspace/didChangeConfiguration', { settings: { azrs: { limits: { routesPerPeer: 1000 } } } });
        await client.waitFor(() => published().at(-1)!.params.diagnostics.length === 0 ? true : undefined);
    });
});
