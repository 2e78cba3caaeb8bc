import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramResponse } from '../../language-server/src/diagram/index.js';
import { MAX_AS_PATH_PREPEND } from '../../language-server/src/routing/speakers.js';
import { ROOT } from '../cli/cli-run.js';
import { buildWorkspace, codes } from '../helpers.js';

/** Inputs the fuzz tests (fuzz.test.ts) broke the services with, kept as plain tests. */

describe('fuzz regressions', () => {
    it('an element whose name the parser could not read has the name \'\', not undefined (the diagram layout threw)', async () => {
        // `hub {`: error recovery leaves VNet.name undefined although the AST type says string.
        const { services, documents } = await buildWorkspace('hub\n {\n  addressSpace: [10.0.0.0/16]\n  vm { ip: 10.0.0.4 }\n}\n');
        const { built, routing, findings } = services.Azrs.analysis.WorkspaceAnalysis.get();
        expect(built.topology.vnets.map(v => v.name)).toEqual(['']);
        expect(built.topology.vnets[0].vms.map(v => v.name)).toEqual(['']);
        const response = await diagramResponse(built.topology, routing, findings, undefined);
        expect(response.model.nodes.length).toBeGreaterThan(0);
        const doc = documents[0];
        const hover = await services.Azrs.lsp.HoverProvider!.getHoverContent(doc, { textDocument: { uri: doc.uri.toString() }, position: { line: 0, character: 1 } });
        expect(hover === undefined || typeof hover === 'object').toBe(true);
    });

    it('elements without a name do not clash with each other (no duplicate-name on top of the syntax errors)', async () => {
        const { diagnostics } = await buildWorkspace('hub { addressSpace: [10.0.0.0/16] }\nhub { addressSpace: [10.1.0.0/16] }\n');
        expect(codes(diagnostics[0])).not.toContain('duplicate-name');
        expect(diagnostics[0].length).toBeGreaterThan(0);
    });

    it('a huge asPathPrepend is capped at 255 copies instead of building an array that crashes the process', async () => {
        const text = `hub h { addressSpace: [10.0.0.0/16], routeServer rs { subnet: 10.0.0.0/26 }
  nva fw { ip: 10.0.1.4, asn: 65010, advertises: [192.0.2.0/24] } }
bgp fw <-> rs { asPathPrepend: 54910796183017866924542 }
`;
        const { services } = await buildWorkspace(text);
        const { routing, built } = services.Azrs.analysis.WorkspaceAnalysis.get();
        const rs = built.topology.vnets[0].routeServers[0];
        const learned = routing.rib(rs)!.received.find(r => r.prefix.text === '192.0.2.0/24')!;
        expect(learned.asPath).toHaveLength(MAX_AS_PATH_PREPEND + 1);
        expect(new Set(learned.asPath)).toEqual(new Set([65010]));
    });

    it('a block with thousands of errors is reported, not a stack overflow of the parser\'s error recovery', () => {
        const dir = mkdtempSync(join(tmpdir(), 'azrs-regression-'));
        try {
            const file = join(dir, 'nested-errors.azrs');
            writeFileSync(file, `hub h {\n  addressSpace: [10.1.0.0/16]\n  subnet s { prefix: 10.1.2.0/24, ${'routeTable t { route r {'.repeat(1500)}\n}\n`);
            const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'azrs.cjs'), 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
            expect(r.stderr).not.toContain('internal error');
            expect(r.status).toBe(1);
            const diagnostics = JSON.parse(r.stdout).diagnostics as Array<{ code: string; line: number; message: string }>;
            expect(diagnostics[0]).toMatchObject({ code: 'parsing-error', line: 3, message: "Expected ':' but found 't'." });
            expect(diagnostics.at(-1)!.message).toMatch(/^Too many syntax errors in one block to read the file past this point \(the first 100 are shown\)/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('azrs check writes all of a large report to a pipe (process.exit cut it at 64 KB)', () => {
        const dir = mkdtempSync(join(tmpdir(), 'azrs-regression-'));
        try {
            const file = join(dir, 'many-errors.azrs');
            writeFileSync(file, 'peering a -> '.repeat(2000));
            const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'azrs.cjs'), 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
            expect(r.status).toBe(1);
            expect(r.stdout.length).toBeGreaterThan(65536);
            expect(JSON.parse(r.stdout).diagnostics.length).toBeGreaterThan(100);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
