import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import type { AzrsServices } from '../azrs-module.js';
import { createAzrsServices } from '../azrs-module.js';
import * as ast from '../generated/ast.js';
import { formatAzrsFiles } from './format-azrs.js';
import { ImportError } from './resources.js';
import type { ImportOptions, ImportResult } from './run-import.js';
import { runImport } from './run-import.js';

/** True once the grammar has the v2 constructs (firewall, nic, nextHopIps): the import then writes them. */
export const LANGUAGE_V2 = 'isFirewall' in ast;

/**
 * Runs an import and formats its files with the given services (the server's own) or fresh ones
 * (the CLI). Throws {@link ImportError} for bad input.
 */
export async function importAndFormat(inputs: readonly string[], opts: Omit<ImportOptions, 'v2'>, azrs?: AzrsServices): Promise<ImportResult> {
    const result = await runImport(inputs, { ...opts, v2: LANGUAGE_V2 });
    const services = azrs ?? createAzrsServices(NodeFileSystem).Azrs;
    const formatted = await formatAzrsFiles(services, result.files);
    for (const [name, text] of formatted) result.files.set(name, text);
    return result;
}

/**
 * Writes the files into a fresh folder beside `outDir` and moves them in only when all are
 * written, so a failed import leaves nothing behind (docs/language.md §5 v2: no partial output).
 */
export function writeAtomically(outDir: string, files: ReadonlyMap<string, string>, reportFile: string | undefined, report: unknown): void {
    const parent = path.dirname(path.resolve(outDir));
    let tmp: string;
    try {
        fs.mkdirSync(parent, { recursive: true });
        tmp = fs.mkdtempSync(path.join(parent, '.azrs-import-'));
    } catch (e) {
        throw new ImportError(outDir, '', `cannot write: ${(e as Error).message}`);
    }
    try {
        for (const [name, text] of files) fs.writeFileSync(path.join(tmp, name), text);
        if (reportFile) fs.writeFileSync(path.join(tmp, '.report.json'), JSON.stringify(report, null, 2) + '\n');
        if (!fs.existsSync(outDir)) {
            fs.renameSync(tmp, outDir);
            if (reportFile) fs.renameSync(path.join(outDir, '.report.json'), path.resolve(reportFile));
            return;
        }
        if (!fs.statSync(outDir).isDirectory()) throw new ImportError(outDir, '', 'exists and is not a folder');
        for (const name of files.keys()) fs.renameSync(path.join(tmp, name), path.join(outDir, name));
        if (reportFile) fs.renameSync(path.join(tmp, '.report.json'), path.resolve(reportFile));
    } catch (e) {
        if (e instanceof ImportError) throw e;
        throw new ImportError(outDir, '', `cannot write: ${(e as Error).message}`);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

