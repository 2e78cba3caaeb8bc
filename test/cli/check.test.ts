import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azrs } from './cli-run.js';

describe('azrs check', () => {
    it('exits 0 and prints nothing on stdout for a clean file', () => {
        const r = azrs(['check', 'test/fixtures/clean.azrs']);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain('1 file checked: 0 errors');
    });

    it('prints compiler-style lines and exits 1 on errors', () => {
        const r = azrs(['check', 'test/fixtures/bad-addressing.azrs']);
        expect(r.code).toBe(1);
        expect(r.stdout.trim().split('\n')).toEqual([
            'test/fixtures/bad-addressing.azrs:2:18: error prefix-host-bits: Prefix 10.1.0.1/16 has host bits set; write 10.1.0.0/16.',
            expect.stringMatching(/^test\/fixtures\/bad-addressing\.azrs:4:16: error reserved-ip: The IP 10\.1\.0\.2 of VM 'vm1' is reserved/)
        ]);
    });

    it('prints the JSON of docs/language.md §5 with 1-based positions', () => {
        const r = azrs(['check', 'test/fixtures/bad-addressing.azrs', '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(Object.keys(json)).toEqual(['diagnostics']);
        expect(json.diagnostics[0]).toEqual({
            file: 'test/fixtures/bad-addressing.azrs', line: 2, column: 18, endLine: 2, endColumn: 29,
            severity: 'error', code: 'prefix-host-bits', message: 'Prefix 10.1.0.1/16 has host bits set; write 10.1.0.0/16.'
        });
        expect(Object.keys(json.diagnostics[1])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    });

    it('takes the route limit from --routes-per-peer', () => {
        const dir = mkdtempSync(join(tmpdir(), 'azrs-limit-'));
        const file = join(dir, 'sdwan.azrs');
        writeFileSync(file, `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva sdwan1 { ip: 10.1.2.4, asn: 65001, advertises: [10.50.0.0/16, 10.51.0.0/16, 10.52.0.0/16] }
}
bgp sdwan1 <-> rs1
`);
        expect(azrs(['check', file]).code).toBe(0);
        const limited = azrs(['check', file, '--routes-per-peer', '2', '--format', 'json']);
        expect(limited.code).toBe(1);
        expect(JSON.parse(limited.stdout).diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toEqual(['route-limit-exceeded@6']);
        const bad = azrs(['check', file, '--routes-per-peer', 'many']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('expected a positive whole number');
    });

    it('walks a folder, names files by folder joined with the path below it, and treats them as one topology', () => {
        const r = azrs(['check', 'test/fixtures/folder', '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.diagnostics.map((d: { file: string; code: string; line: number }) => `${d.file}:${d.line} ${d.code}`))
            .toEqual(['test/fixtures/folder/nested/b.azrs:1 duplicate-name']);
    });

    it('exits 2 with a message for a missing file, an unreadable file and a bad option', () => {
        const missing = azrs(['check', 'no/such/file.azrs']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe("azrs: cannot read 'no/such/file.azrs': no such file or directory\n");
        expect(missing.stdout).toBe('');

        // Unreadable: a path through a file (root can read any mode, so use ENOTDIR).
        const through = azrs(['check', 'test/fixtures/clean.azrs/inner.azrs']);
        expect(through.code).toBe(2);
        expect(through.stderr).toMatch(/^azrs: cannot read 'test\/fixtures\/clean\.azrs\/inner\.azrs': /);
        const empty = azrs(['check', mkdtempSync(join(tmpdir(), 'azrs-empty-'))]);
        expect(empty.code).toBe(2);
        expect(empty.stderr).toMatch(/no \.azrs files found/);

        const badFormat = azrs(['check', 'test/fixtures/clean.azrs', '--format', 'xml']);
        expect(badFormat.code).toBe(2);
        expect(badFormat.stderr).toContain("Allowed choices are text, json, sarif");
        expect(azrs(['frobnicate']).code).toBe(2);
        expect(azrs(['check']).code).toBe(2);
    });

    it('never prints a stack trace for random bytes, a 5 MB file or 10,000 elements', () => {
        const dir = mkdtempSync(join(tmpdir(), 'azrs-big-'));
        const random = join(dir, 'random.azrs');
        writeFileSync(random, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
        const r1 = azrs(['check', random]);
        expect(r1.code).toBe(1);
        expect(r1.stderr + r1.stdout).not.toMatch(/\n\s+at /);

        const many = join(dir, 'many.azrs');
        const lines: string[] = [];
        for (let i = 0; i < 10_000; i++) lines.push(`spoke s${i} { addressSpace: [10.${i >> 8}.${i & 255}.0/24] }`);
        writeFileSync(many, lines.join('\n'));
        const r2 = azrs(['check', many]);
        expect(r2.code).toBe(0);

        const huge = join(dir, 'huge.azrs');
        writeFileSync(huge, ('// ' + 'x'.repeat(1000) + '\n').repeat(5 * 1024));
        const r3 = azrs(['check', huge]);
        expect(r3.code).toBe(0);
    });
});
