import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../../bench/lsp-client.js';
import { ROOT } from '../cli/cli-run.js';

/** The `azrs/import` request behind the editor's "azrs: Import Azure Network…" command, over stdio. */
describe('azrs/import request', () => {
    const client = new LspClient(join(ROOT, 'bin', 'azrs.cjs'), { cwd: ROOT });
    afterAll(() => client.kill());
    const out = join(mkdtempSync(join(tmpdir(), 'azrs-import-request-')), 'azrs-import');
    const fixtures = join(ROOT, 'test', 'fixtures', 'import', 'dual-homed-er');

    it('writes the formatted files and the report into the folder and answers their paths', async () => {
        await client.initialize();
        const result = await client.request('azrs/import', { inputs: [join(fixtures, 'tfstate.json')], outDir: out, overlay: join(fixtures, 'overlay.yaml') });
        expect(result).toEqual({
            ok: true,
            files: ['spoke.azrs', 'hub1.azrs', 'hub2.azrs', 'sites-and-sessions.azrs'].map(f => join(out, f)),
            report: join(out, 'azrs-import-report.json'),
            summary: '33 resources read, 36 mapped, 0 skipped, 0 expressions unresolved, 0 gaps'
        });
        expect(readFileSync(join(out, 'hub1.azrs'), 'utf8')).toMatch(/\nhub hub1 \{\n {2}addressSpace: \[10\.101\.0\.0\/16\]/);
        expect(JSON.parse(readFileSync(result.report, 'utf8')).files).toHaveLength(4);
    });

    it('answers bad input with the message and writes nothing', async () => {
        const bad = join(out, '..', 'none');
        const result = await client.request('azrs/import', { inputs: [join(ROOT, 'package.json')], outDir: bad });
        expect(result).toEqual({ ok: false, message: `${join(ROOT, 'package.json')}: $: cannot tell the format (an ARM template, az/Resource Graph output or terraform show -json)` });
        expect(existsSync(bad)).toBe(false);
    });
});
