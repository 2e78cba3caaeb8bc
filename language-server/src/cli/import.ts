import * as path from 'node:path';
import { Option } from 'commander';
import { importAndFormat, writeAtomically } from '../import/import-files.js';
import { ImportError } from '../import/resources.js';
import type { ImportOptions, ImportResult } from '../import/run-import.js';
import type { CommandRegistration } from './main.js';
import { CliError } from './workspace-loader.js';

async function cliImport<T>(run: () => Promise<T> | T): Promise<T> {
    try {
        return await run();
    } catch (e) {
        if (e instanceof ImportError) throw new CliError(e.cliHint ? `${e.message}; ${e.cliHint}` : e.message);
        throw e;
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
            const result: ImportResult = await cliImport(() => importAndFormat(inputs, { from: opts.from, parameters: opts.parameters, overlay: opts.overlay }));
            await cliImport(() => writeAtomically(opts.out, result.files, opts.report, result.report));
            const r = result.report;
            io.out(`${[...result.files.keys()].map(f => path.join(opts.out, f)).join('\n')}\n`);
            io.err(`azrs import: ${r.resourcesRead} resources read, ${r.mapped.length} mapped, ${r.skipped.length} skipped, ${r.unresolved.length} expressions unresolved, ${r.gaps.length} gaps; ${result.files.size} ${result.files.size === 1 ? 'file' : 'files'} written to ${opts.out}\n`);
            process.exitCode = 0;
        });
};
