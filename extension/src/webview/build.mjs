// Builds the route-flow webview for the browser: the script (IIFE, elkjs and the shared renderer
// bundled in), its own stylesheet, and diagram.css generated from the renderer's stylesheet so
// that the webview and standalone SVG files share one set of rules.
//   node extension/src/webview/build.mjs [outdir] [--minify]   (default outdir: out/webview)
import * as esbuild from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

/** Entries, for a top-level esbuild script that wants to build them itself. */
export const webviewEntry = join(here, 'main.ts');
export const webviewCss = join(here, 'main.css');
export const diagramStyleModule = join(root, 'language-server/src/diagram/diagram-style.ts');

/** The esbuild options of the webview script. */
export function webviewBuildOptions(outdir, { minify = false, sourcemap = false } = {}) {
    return {
        entryPoints: { main: webviewEntry },
        outdir,
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: ['es2022', 'chrome120'],
        minify,
        sourcemap,
        legalComments: 'linked',
        logLevel: 'warning'
    };
}

/** The diagram's stylesheet text, taken from the renderer's TypeScript module. */
export async function diagramCssText() {
    const result = await esbuild.build({
        entryPoints: [diagramStyleModule], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning'
    });
    const code = result.outputFiles[0].text;
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    return mod.DIAGRAM_CSS;
}

/** Builds main.js, main.css and diagram.css into `outdir`. */
export async function buildWebview({ outdir = join(root, 'out/webview'), minify = false, sourcemap = false } = {}) {
    await mkdir(outdir, { recursive: true });
    await esbuild.build(webviewBuildOptions(outdir, { minify, sourcemap }));
    await copyFile(webviewCss, join(outdir, 'main.css'));
    await writeFile(join(outdir, 'diagram.css'), await diagramCssText());
    return { script: join(outdir, 'main.js'), styles: [join(outdir, 'diagram.css'), join(outdir, 'main.css')] };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const outdir = args.find(a => !a.startsWith('--'));
    await buildWebview({ outdir: outdir ? resolve(outdir) : undefined, minify: args.includes('--minify'), sourcemap: args.includes('--sourcemap') });
}
