// Bundles the end-to-end suites with esbuild (installed as a dev dependency):
//  - test/e2e/integration/index.ts -> one CommonJS file (mocha included, `vscode` external) that
//    VS Code loads as extensionTestsPath, under code-server or @vscode/test-electron;
//  - test/e2e/ui/index.ts -> one ES module run by Node (playwright-core and mocha stay external,
//    resolved from the repo's node_modules, so the output must live inside the repo tree).
// Output goes to test-results/e2e/.build/ (git-ignored). Can be run alone: `node scripts/e2e/build.mjs`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const buildDir = path.join(repoRoot, 'test-results', 'e2e', '.build');

function esbuild(args) {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'esbuild');
  if (!fs.existsSync(bin)) throw new Error(`esbuild not found at ${bin} (is node_modules installed?)`);
  const r = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`esbuild ${args[0]} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
}

/** @returns {{ integration: string, ui: string }} absolute paths of the bundles */
export function buildSuites() {
  fs.mkdirSync(buildDir, { recursive: true });
  const integration = path.join(buildDir, 'integration', 'index.cjs');
  const ui = path.join(buildDir, 'ui', 'index.mjs');
  esbuild([
    'test/e2e/integration/index.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--external:vscode',
    '--sourcemap=inline',
    // mocha's parallel mode (never used here) resolves worker files at run time.
    '--log-override:require-resolve-not-external=silent',
    '--log-level=warning',
    `--outfile=${integration}`,
  ]);
  esbuild([
    'test/e2e/ui/index.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--packages=external',
    '--sourcemap=inline',
    '--log-level=warning',
    `--outfile=${ui}`,
  ]);
  return { integration, ui };
}

/**
 * Copies a sample into each workspace folder. A sample is samples/<name>.azrs, or a folder
 * samples/<stem>/ holding <name>.azrs and possibly more .azrs files of the same topology (all copied).
 * Only this sample: names are unique across a workspace's files, so other samples would add
 * duplicate-name errors. Returns the copied source files.
 */
export function copySample(samplesDir, sampleName, workspaces) {
  const stem = sampleName.replace(/\.azrs$/, '');
  const candidates = [path.join(samplesDir, stem, sampleName), path.join(samplesDir, sampleName)];
  const src = candidates.find((p) => fs.existsSync(p));
  if (!src) throw new Error(`sample not found; looked for ${candidates.join(' and ')} (set AZRS_E2E_SAMPLES_DIR / AZRS_E2E_SAMPLE)`);
  const dir = path.dirname(src);
  const files = path.resolve(dir) === path.resolve(samplesDir) ? [src] : fs.readdirSync(dir).filter((f) => f.endsWith('.azrs')).map((f) => path.join(dir, f));
  for (const ws of workspaces) {
    fs.mkdirSync(ws, { recursive: true });
    for (const f of files) fs.copyFileSync(f, path.join(ws, path.basename(f)));
  }
  return files;
}

/** The file the UI suite's trace steps open: the seed with its return path broken (issue 15's "done when"). */
export const RETURN_BROKEN_SAMPLE = 'dual-homed-er-return-broken.azrs';

/**
 * The edits that break the return path of the seed's dual-homed ExpressRoute sample, the same as
 * test/diagram/webview.test.ts, test/lsp/diagram-modes.test.ts and test/cli/trace.test.ts make:
 * dc1 is also connected to hub2's gateway, nva2's routes to rs0 get a longer AS path (so app-vm
 * still leaves through nva1), and nva1 <-> rs1 loses asOverride (so rs1 drops the spoke's prefix and
 * dc1's reply comes back through ergw2 and nva2). `azrs check` reports asymmetric-path on the new
 * 'dc1' in ergw2's connections.
 */
const RETURN_BROKEN_EDITS = [
  ['connections: [dc2]', 'connections: [dc2, dc1]'],
  ['bgp nva2 <-> rs0  { asOverride: true }', 'bgp nva2 <-> rs0  { asOverride: true, asPathPrepend: 2 }'],
  ['bgp nva1 <-> rs1  { asOverride: true }', 'bgp nva1 <-> rs1'],
];

/**
 * Writes samples/dual-homed-er/dual-homed-er.azrs with RETURN_BROKEN_EDITS applied into `workspace`
 * as RETURN_BROKEN_SAMPLE, generated at run time so that no second copy of the seed is committed.
 * Throws, naming the text, when an edit no longer matches the seed. Returns the written file.
 */
export function writeReturnBrokenSample(samplesDir, workspace) {
  const seedFile = path.join(samplesDir, 'dual-homed-er', 'dual-homed-er.azrs');
  if (!fs.existsSync(seedFile)) throw new Error(`the seed sample ${seedFile} is missing (set AZRS_E2E_SAMPLES_DIR)`);
  let text = fs.readFileSync(seedFile, 'utf8');
  for (const [from, to] of RETURN_BROKEN_EDITS) {
    if (!text.includes(from)) throw new Error(`cannot break the return path of ${seedFile}: it no longer contains '${from}'`);
    text = text.replace(from, to);
  }
  const header = `// Generated by scripts/e2e/build.mjs from ${path.relative(repoRoot, seedFile)}: the return path broken.\n`;
  fs.mkdirSync(workspace, { recursive: true });
  const out = path.join(workspace, RETURN_BROKEN_SAMPLE);
  fs.writeFileSync(out, header + text);
  return out;
}

/**
 * The real input the integration suite imports with "azrs: Import Azure Network…": Fortinet's
 * FortiGate Active-Passive Route Server template and its parameters file, from the shared import
 * corpus (test/fixtures/import-corpus/fortinet-fortigate-ars/). Path relative to the workspace.
 */
export const IMPORT_INPUT = 'import-input/fortinet-fortigate-ars/Active-Passive';

/**
 * Copies IMPORT_INPUT into `workspace` with the corpus entry's SOURCE.md and LICENSE beside it (the
 * corpus's terms: every copy keeps them). Throws, naming the file, when one is missing. Returns
 * the copied input folder.
 */
export function copyImportInput(workspace) {
  const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'import-corpus', 'fortinet-fortigate-ars');
  const destDir = path.join(workspace, path.dirname(IMPORT_INPUT));
  for (const f of ['SOURCE.md', 'LICENSE', 'Active-Passive/azuredeploy.json', 'Active-Passive/azuredeploy.parameters.json']) {
    const src = path.join(corpusDir, f);
    if (!fs.existsSync(src)) throw new Error(`the import input ${src} is missing`);
    fs.mkdirSync(path.dirname(path.join(destDir, f)), { recursive: true });
    fs.copyFileSync(src, path.join(destDir, f));
  }
  return path.join(workspace, IMPORT_INPUT);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = buildSuites();
  console.log(`built ${path.relative(repoRoot, out.integration)} and ${path.relative(repoRoot, out.ui)}`);
}
