import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { collectDiagnostics, exitCodeFor, formatText, summary } from './check.js';
import { CliError, loadWorkspace } from './workspace-loader.js';
import pkg from '../../../package.json' with { type: 'json' };
import { DEFAULT_ROUTES_PER_PEER } from '../routing/settings.js';

/** The extension's and the CLI's version: package.json's, the one `vsce` and npm publish. */
const VERSION: string = pkg.version;

function positiveInt(value: string): number {
    if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive whole number');
    return Number(value);
}

/**
 * The `azrs` command line (docs/language.md §5). Results go to stdout, messages to stderr; exit 0 when
 * there is no error, 1 with at least one error diagnostic, 2 for usage and I/O errors.
 */
export function createProgram(io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }): Command {
    const program = new Command('azrs')
        .description('Check Azure hub-and-spoke topologies with Route Server, NVAs and gateways before deploying them.')
        .version(VERSION)
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err })
        .showHelpAfterError('(run azrs --help for usage)');

    program.command('check')
        .description('report the diagnostics of .azrs files or folders')
        .argument('<path...>', '.azrs files or folders (searched for **/*.azrs)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--routes-per-peer <n>', 'routes an NVA may send a route server before the session is torn down', positiveInt, DEFAULT_ROUTES_PER_PEER)
        .action(async (paths: string[], opts: { format: string; routesPerPeer: number }) => {
            const workspace = await loadWorkspace(paths, { routesPerPeer: opts.routesPerPeer });
            const diagnostics = collectDiagnostics(workspace);
            if (opts.format === 'json') {
                io.out(JSON.stringify({ diagnostics }, null, 2) + '\n');
            } else if (opts.format === 'sarif') {
                const { toSarif } = await import('./sarif.js');
                io.out(JSON.stringify(toSarif(diagnostics, VERSION), null, 2) + '\n');
            } else {
                io.out(formatText(diagnostics, io.isTTY));
                io.err(summary(diagnostics, workspace.files.length) + '\n');
            }
            process.exitCode = exitCodeFor(diagnostics);
        });

    program.command('lsp')
        .description('run the language server (for any LSP client)')
        .option('--stdio', 'talk LSP over standard input and output')
        .option('--node-ipc', 'talk LSP over Node IPC')
        .action(async (opts: { stdio?: boolean; nodeIpc?: boolean }) => {
            if (!opts.stdio && !opts.nodeIpc) throw new CliError('azrs lsp needs a transport: --stdio');
            const { startServer } = await import('../main.js');
            startServer();
        });

    for (const register of extraCommands) register(program, io);
    return program;
}

export type CommandRegistration = (program: Command, io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }) => void;
const extraCommands: CommandRegistration[] = [];

/** Lets the routes and diagram commands register themselves. */
export function addCommand(register: CommandRegistration): void {
    extraCommands.push(register);
}

export async function runCli(argv: string[]): Promise<number> {
    const io = {
        out: (s: string) => { process.stdout.write(s); },
        err: (s: string) => { process.stderr.write(s); },
        isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    };
    const program = createProgram(io);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (e) {
        if (e instanceof CommanderError) {
            // Help and version exit 0; usage errors were already printed by commander.
            return e.exitCode === 0 ? 0 : 2;
        }
        if (e instanceof CliError) {
            io.err(`azrs: ${e.message}\n`);
            return 2;
        }
        io.err(`azrs: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
    }
}
