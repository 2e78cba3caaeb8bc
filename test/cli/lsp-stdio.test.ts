import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-run.js';

/** A minimal JSON-RPC client over stdio: the cheapest proof that any LSP client can use the server. */
class StdioClient {
    private readonly child = spawn(process.execPath, [fileURLToPath(new URL('../../bin/azrs.cjs', import.meta.url)), 'lsp', '--stdio'], { cwd: ROOT });
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly waiting = new Map<number, (result: unknown) => void>();
    readonly notifications: Array<{ method: string; params: any }> = [];
    private readonly listeners: Array<() => void> = [];

    constructor() {
        this.child.stdout.on('data', (chunk: Buffer) => {
            this.buffer = Buffer.concat([this.buffer, chunk]);
            for (;;) {
                const header = this.buffer.indexOf('\r\n\r\n');
                if (header < 0) return;
                const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString())![1]);
                if (this.buffer.length < header + 4 + length) return;
                const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString());
                this.buffer = this.buffer.subarray(header + 4 + length);
                if (message.id !== undefined && message.method === undefined) this.waiting.get(message.id)?.(message.result);
                else if (message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null });
                else this.notifications.push(message);
                this.listeners.forEach(l => l());
            }
        });
    }

    private send(message: object): void {
        const body = JSON.stringify(message);
        this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }

    request(method: string, params: object): Promise<any> {
        const id = this.nextId++;
        return new Promise(resolve => {
            this.waiting.set(id, resolve);
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method: string, params: object): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    waitFor<T>(find: () => T | undefined, ms = 15_000): Promise<T> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('timed out waiting for the server')), ms);
            const check = () => {
                const found = find();
                if (found !== undefined) {
                    clearTimeout(timer);
                    resolve(found);
                }
            };
            this.listeners.push(check);
            check();
        });
    }

    kill(): void {
        this.child.kill();
    }
}

describe('azrs lsp --stdio', () => {
    const client = new StdioClient();
    afterAll(() => client.kill());

    it('answers initialize and publishes diagnostics for an opened document', async () => {
        const init = await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
        expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, documentFormattingProvider: true });
        expect(init.capabilities.completionProvider).toBeDefined();
        client.notify('initialized', {});
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
