import './commands.js';
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then(code => {
    // `azrs lsp` keeps running; every other command ends here.
    if (process.argv[2] !== 'lsp') exit(code);
}, () => exit(2));

/**
 * Exits once stdout and stderr are flushed: process.exit() drops what is still queued for a pipe,
 * so `azrs check --format json | jq` got the first 64 KB of a larger report.
 */
function exit(code: number): void {
    process.exitCode = code;
    let pending = 2;
    const done = () => { if (--pending === 0) process.exit(code); };
    process.stdout.write('', done);
    process.stderr.write('', done);
}
