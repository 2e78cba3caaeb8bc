import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option } from 'commander';
import { NodeFileSystem } from 'langium/node';
import { createAzrsServices } from '../azrs-module.js';
import * as ast from '../generated/ast.js';
import { formatAzrs } from '../import/format-azrs.js';
import { ImportError } from '../import/resources.js';
import type { ImportOptions, ImportResult } from '../import/run-import.js';
import { runImport } from '../import/run-import.js';
import type { CommandRegistration } from './main.js';
import { CliError } from './workspace-loader.js';

/** True once the grammar has the v2 constructs (firewall, nic, nextHopIps): the import then writes them. */
export const LANGUAGE_V2 = 'isFirewall' in ast;

/** Runs an import and formats its files; bad input becomes a CliError (exit 2). */
export async function importAndFormat(inputs: readonly string[], opts: Omit<ImportOptions, 'v2'>): Promise<ImportResult> {
    let result: ImportResult;
    try {
        result = await runImport(inputs, { ...opts, v2: LANGUAGE_V2 });
    } catch (e) {
        if (e instanceof ImportError) throw new CliError(e.message);
        throw e;
    }
    const { Azrs } = createAzrsServices(NodeFileSystem);
    for (const [name, text] of result.files) result.files.set(name, await formatAzrs(Azrs, name, text));
    return result;
}

/**
 * Writes the files into a fresh folder beside `outDir` and moves them in only when all are
 * written, so a failed import leaves nothing behind (LANGUAGE.md §5 v2: no partial output).
 */
export function writeAtomically(outDir: string, files: ReadonlyMap<string, string>, reportFile: string | undefined, report: unknown): void {
    const parent = path.dirname(path.resolve(outDir));
    let tmp: string;
    try {
        fs.mkdirSync(parent, { recursive: true });
        tmp = fs.mkdtempSync(path.join(parent, '.azrs-import-'));
    } catch (e) {
        throw new CliError(`cannot write to '${outDir}': ${(e as Error).message}`);
    }
    try {
        for (const [name, text] of files) fs.writeFileSync(path.join(tmp, name), text);
        if (reportFile) fs.writeFileSync(path.join(tmp, '.report.json'), JSON.stringify(report, null, 2) + '\n');
        if (!fs.existsSync(outDir)) {
            if (reportFile) fs.renameSync(path.join(tmp, '.report.json'), path.resolve(reportFile));
            fs.renameSync(tmp, outDir);
            return;
        }
        if (!fs.statSync(outDir).isDirectory()) throw new CliError(`'${outDir}' exists and is not a folder`);
        for (const name of files.keys()) fs.renameSync(path.join(tmp, name), path.join(outDir, name));
        if (reportFile) fs.renameSync(path.join(tmp, '.report.json'), path.resolve(reportFile));
    } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot write to '${outDir}': ${(e as Error).message}`);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** `azrs import`: ARM, az / Resource Graph JSON, Terraform state or HCL to `.azrs` files. */
export const registerImport: CommandRegistration = (program, io) => {
    program.command('import')
        .description('write .azrs files from ARM templates and exports, az or Resource Graph JSON, terraform show -json, or .tf files')
        .argument('<input...>', 'files or folders to import')
        .addOption(new Option('--from <format>', 'input format').choices(['auto', 'arm', 'cli', 'graph', 'tfstate', 'hcl']).default('auto'))
        .option('--parameters <file>', 'deployment parameters file for an ARM template')
        .option('--overlay <file>', 'YAML or JSON with what no export holds (advertises, asOverride, prepend, site prefixes)')
        .requiredOption('-o, --out <dir>', 'folder to write the .azrs files into')
        .option('--report <file>', 'write the JSON import report here')
        .action(async (inputs: string[], opts: { from: ImportOptions['from']; parameters?: string; overlay?: string; out: string; report?: string }) => {
            const result = await importAndFormat(inputs, { from: opts.from, parameters: opts.parameters, overlay: opts.overlay });
            writeAtomically(opts.out, result.files, opts.report, result.report);
            const r = result.report;
            io.out(`${[...result.files.keys()].map(f => path.join(opts.out, f)).join('\n')}\n`);
            io.err(`azrs import: ${r.resourcesRead} resources read, ${r.mapped.length} mapped, ${r.skipped.length} skipped, ${r.unresolved.length} expressions unresolved, ${r.gaps.length} gaps; ${result.files.size} files written to ${opts.out}\n`);
            process.exitCode = 0;
        });
};
