// Bundles the extension, the language server and the CLI to CommonJS for Node, and the diagram's
// webview code for the browser. `vscode` stays external: VS Code provides it.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { buildWebview } from './extension/src/webview/build.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // 'performance': @cdktn/hcl2json's Go WASM shim requires it only where globalThis.performance is missing (never on Node 20).
    external: ['vscode', 'performance'],
    // Some bundled ESM packages read import.meta.url; give them the CommonJS equivalent.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
};

const builds = [
    { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'out/extension/main.cjs' },
    { ...node, entryPoints: ['language-server/src/server.ts'], outfile: 'out/language-server/main.cjs' },
    { ...node, entryPoints: ['language-server/src/cli/azrs.ts'], outfile: 'out/cli/azrs.cjs' }
];
if (existsSync('bench/bench.ts')) {
    builds.push({ ...node, entryPoints: ['bench/bench.ts'], outfile: 'out/bench/bench.cjs' });
}

// azrs import reads HCL through @cdktn/hcl2json, whose Go WASM is loaded from `__dirname/../main.wasm.gz`:
// beside the bundles in out/ (out/cli/azrs.cjs and out/language-server/main.cjs both resolve to out/).
mkdirSync('out', { recursive: true });
copyFileSync('node_modules/@cdktn/hcl2json/main.wasm.gz', 'out/main.wasm.gz');

if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
} else {
    await Promise.all([...builds.map(b => esbuild.build(b)), buildWebview({ minify: production, sourcemap: !production })]);
}
