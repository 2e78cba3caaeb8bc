#!/usr/bin/env node
// `npm run test:vscode`: the integration suite (test/e2e/integration) in desktop VS Code through
// @vscode/test-electron, for machines with internet access. It downloads VS Code from Microsoft's
// update server (cached in $AZRS_E2E_CACHE/vscode-test), so on the offline build machines it fails
// with ENOTFOUND: there, use `npm run test:e2e` (code-server), which runs the same suite.
//
// The extension is loaded from the repo (extensionDevelopmentPath = repo root): run `npm run build`
// first, or pass --build. On Linux without a display, run it under `xvfb-run -a`.
// Env: VSCODE_VERSION (default stable), AZRS_E2E_SAMPLES_DIR, AZRS_E2E_SAMPLE, AZRS_E2E_GREP.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IMPORT_INPUT, buildSuites, copyImportInput, copySample, repoRoot } from './build.mjs';

const sampleName = process.env.AZRS_E2E_SAMPLE ?? 'dual-homed-er-broken.azrs';
const samplesDir = path.resolve(process.env.AZRS_E2E_SAMPLES_DIR ?? path.join(repoRoot, 'samples'));
const cache = process.env.AZRS_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'azrs-e2e');
const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

function fail(step, message) {
  console.error(`\n[test:vscode] FAILED at step "${step}": ${message}`);
  process.exit(1);
}

if (process.argv.includes('--build')) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run build', `exited with ${r.status}`);
}
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
if (!fs.existsSync(path.join(repoRoot, manifest.main))) {
  fail('check the build', `${manifest.main} does not exist: run \`npm run build\` first (or pass --build)`);
}

let bundles;
try {
  bundles = buildSuites();
} catch (err) {
  fail('bundle the integration suite', err.message);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azrs-vscode-'));
const workspace = path.join(scratch, 'workspace');
try {
  copySample(samplesDir, sampleName, [workspace]);
  copyImportInput(workspace);
} catch (err) {
  fail('prepare the workspace', err.message);
}
const userData = path.join(scratch, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': 'off',
  }),
);

const { runTests } = await import('@vscode/test-electron');
let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    cachePath: path.join(cache, 'vscode-test'),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: bundles.integration,
    extensionTestsEnv: {
      AZRS_E2E_SAMPLE: sampleName,
      AZRS_E2E_IMPORT_INPUT: IMPORT_INPUT,
      AZRS_E2E_RESULTS: path.join(resultsDir, 'vscode-integration-results.json'),
      ...(process.env.AZRS_E2E_GREP ? { AZRS_E2E_GREP: process.env.AZRS_E2E_GREP } : {}),
    },
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      userData,
    ],
  });
  console.log('[test:vscode] all integration tests passed');
} catch (err) {
  exitCode = 1;
  const text = `${err?.code ?? ''} ${err?.message ?? err} ${err?.cause?.code ?? ''}`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|update\.code\.visualstudio\.com/.test(text)) {
    console.error(
      `\n[test:vscode] FAILED at step "download VS Code": ${err?.message ?? err}\n` +
        'This machine cannot reach Microsoft\'s update server (update.code.visualstudio.com), which ' +
        '@vscode/test-electron needs to download VS Code. That is expected on the offline build machines: ' +
        'run `npm run test:e2e` instead, which runs the same integration suite (and the UI suite) in code-server.',
    );
  } else if (/Missing X server|DISPLAY/i.test(text)) {
    console.error(`\n[test:vscode] FAILED at step "launch VS Code": ${err?.message ?? err}\nNo display: run \`xvfb-run -a npm run test:vscode\`.`);
  } else {
    console.error(`\n[test:vscode] FAILED at step "run the integration suite": ${err?.message ?? err}`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
