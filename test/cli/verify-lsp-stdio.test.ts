import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../../bench/lsp-client.js';
import { ROOT } from './cli-run.js';

/**
 * `azrs verify` over the protocol, as any LSP client sees it: setting azrs.verify.actualDir
 * (workspace/didChangeConfiguration) revalidates the open document, whose diagnostics then hold the
 * difference on the VM, and the VM's code lens counts it.
 */
describe('azrs lsp --stdio with azrs.verify.actualDir', () => {
    const client = new LspClient(join(ROOT, 'bin', 'azrs.cjs'), { cwd: ROOT });
    afterAll(() => client.kill());

    it('publishes verify-route-missing on the VM and a lens with the count once the setting names the folder', async () => {
        await client.initialize();
        const dir = mkdtempSync(join(tmpdir(), 'azrs-verify-stdio-'));
        const file = join(dir, 'app.azrs');
        const text = 'vnet app {\n  addressSpace: [10.1.0.0/16]\n  vm vm1 { ip: 10.1.0.4 }\n}\n';
        writeFileSync(file, text);
        const state = join(dir, 'exported');
        mkdirSync(state);
        writeFileSync(join(state, 'vm1.effective-routes.json'), JSON.stringify({ value: [
            { source: 'Default', state: 'Active', addressPrefix: ['10.1.0.0/16'], nextHopType: 'VnetLocal', nextHopIpAddress: [] },
            { source: 'Default', state: 'Active', addressPrefix: ['10.2.0.0/16'], nextHopType: 'VNetPeering', nextHopIpAddress: [] },
            { source: 'Default', state: 'Active', addressPrefix: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddress: [] }
        ] }, null, 2));
        const uri = pathToFileURL(file).toString();
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'azrs', version: 1, text } });
        const published = () => client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri);
        await client.waitFor(() => published().length > 0 ? true : undefined);
        // No azure-state/ beside the file and no setting: nothing is compared.
        expect(published().at(-1)!.params.diagnostics).toEqual([]);

        client.notify('workspace/didChangeConfiguration', { settings: { azrs: { verify: { actualDir: state } } } });
        const missing = await client.waitFor(() => published().at(-1)!.params.diagnostics.find((d: any) => d.code === 'verify-route-missing'));
        expect(missing.range).toEqual({ start: { line: 2, character: 5 }, end: { line: 2, character: 8 } });
        expect(missing.message).toMatch(/^Azure has 10\.2\.0\.0\/16 \(Default, Active, next hop VNetPeering\) on vm1, azrs does not: /);
        const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map((l: any) => l.command.title)).toContain('1 difference from Azure (2/3 routes match)');
    });
});
