import './commands.js';
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then(code => {
    // `azrs lsp` keeps running; every other command ends here.
    if (process.argv[2] !== 'lsp') process.exit(code);
}, () => process.exit(2));
