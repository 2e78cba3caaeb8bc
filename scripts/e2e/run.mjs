#!/usr/bin/env node
// `npm run test:e2e`: the azrs extension in a real VS Code workbench (code-server), offline.
//
//   1. setup        scripts/e2e/setup.sh (chromium, Node 24, code-server; cached outside the repo)
//   2. package      npm run package -> azrs.vsix
//   3. build        bundles test/e2e/{integration,ui} with esbuild
//   4. install      code-server --install-extension azrs.vsix into a throw-away profile
//   5. start        code-server on 127.0.0.1:<free port>, own process group, scratch HOME/XDG/TMPDIR
//   6. integration  the mocha suite inside the extension host (smoke-test driver + URL payload); its
//                   workspace also holds a corpus template for the import command (import-input/)
//   7. ui           the playwright suite, as a user (screenshots in test-results/e2e/); its last steps
//                   open a second folder, ws-trace, holding the seed with its return path broken
//   Always: stop code-server's whole process group and chromium, also on failure and Ctrl-C.
//
// Options:   --only=integration|ui   run one suite
//            --skip-package          reuse an existing azrs.vsix (or the one in AZRS_E2E_VSIX)
//            --keep                  keep the scratch folder (profile, logs, workspaces)
// Env:       AZRS_E2E_CACHE (default ~/.cache/azrs-e2e), AZRS_E2E_VSIX (use this .vsix, skip packaging),
//            AZRS_E2E_SAMPLES_DIR (default ./samples), AZRS_E2E_SAMPLE (default dual-homed-er-broken.azrs),
//            AZRS_E2E_GREP (mocha grep for both suites), AZRS_E2E_TIMEOUT_MS (per wait, default 45000)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { pathToFileURL } from 'node:url';
import { IMPORT_INPUT, RETURN_BROKEN_SAMPLE, buildSuites, copyImportInput, copySample, repoRoot, writeReturnBrokenSample } from './build.mjs';

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only && only !== 'integration' && only !== 'ui') {
  console.error(`[e2e] unknown --only=${only} (use integration or ui)`);
  process.exit(2);
}
const keepScratch = args.has('--keep') || process.env.AZRS_E2E_KEEP === '1';
const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
const sampleName = process.env.AZRS_E2E_SAMPLE ?? 'dual-homed-er-broken.azrs';
const samplesDir = path.resolve(process.env.AZRS_E2E_SAMPLES_DIR ?? path.join(repoRoot, 'samples'));
const CHROMIUM = process.env.AZRS_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WORKBENCH_NOISE =
  /ENOTFOUND|open-vsx|authentication provider|Creating a socket|connection token|grace time|Service Worker|AgentHost|AccountPolicyGate|workbench contribution|builtin extensions cache|^\s*$/;
const INTEGRATION_TIMEOUT_MS = Number(process.env.AZRS_E2E_INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);
const TOTAL_TIMEOUT_MS = Number(process.env.AZRS_E2E_TOTAL_TIMEOUT_MS ?? 20 * 60_000);

// ---------------------------------------------------------------------------------------------
// Step bookkeeping and cleanup

const t0 = Date.now();
const summary = [];
class StepFailure extends Error {
  constructor(step, cause) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.step = step;
    this.cause = cause;
  }
}
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e ${secs(Date.now() - t0).padStart(7)}] ${msg}`);

let aborted = false;

async function step(name, fn) {
  if (aborted) throw new StepFailure(name, 'not started: the run was interrupted');
  const started = Date.now();
  log(`▶ ${name}`);
  try {
    const value = await fn();
    summary.push({ name, status: 'ok', ms: Date.now() - started });
    log(`✔ ${name} (${secs(Date.now() - started)})`);
    return value;
  } catch (err) {
    summary.push({ name, status: 'FAILED', ms: Date.now() - started });
    throw err instanceof StepFailure ? err : new StepFailure(name, err);
  }
}

const cleanups = [];
let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error(`[e2e] cleanup: ${err instanceof Error ? err.message : err}`);
      }
    }
  })();
  return cleaningUp;
}

/** Process groups to SIGKILL synchronously if we exit without an orderly cleanup. */
const processGroups = new Set();
process.on('exit', () => {
  for (const pgid of processGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    aborted = true;
    log(`${signal}: stopping code-server and chromium…`);
    cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function run(cmd, cmdArgs, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr?.on('data', (d) => {
      out += d;
      if (opts.echo) process.stderr.write(d);
    });
    child.on('error', (err) => reject(new Error(`${cmd} could not start: ${err.message}`)));
    child.on('close', (code, sig) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${[cmd, ...cmdArgs].join(' ')} exited with ${sig ?? code}\n${out.split('\n').slice(-40).join('\n')}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function killGroup(pgid, label) {
  if (!processGroups.has(pgid)) return;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    /* gone */
  }
  for (let i = 0; i < 30 && alive(); i++) await sleep(100);
  if (alive()) {
    log(`${label} did not stop on SIGTERM within 3 s; sending SIGKILL to process group ${pgid}`);
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  processGroups.delete(pgid);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const totalTimer = setTimeout(() => {
    aborted = true;
    console.error(`[e2e] FAILED: the whole run exceeded ${secs(TOTAL_TIMEOUT_MS)} (AZRS_E2E_TOTAL_TIMEOUT_MS); stopping.`);
    cleanup().finally(() => process.exit(1));
  }, TOTAL_TIMEOUT_MS);
  totalTimer.unref();

  fs.mkdirSync(resultsDir, { recursive: true });
  for (const f of fs.readdirSync(resultsDir)) {
    if (/^(ui-|FAILED-).*\.(png|txt)$|^integration-results\.json$|^code-server\.log$|^integration-console\.log$/.test(f)) {
      fs.rmSync(path.join(resultsDir, f), { force: true });
    }
  }

  // 1. setup ---------------------------------------------------------------------------------
  const env = await step('setup (chromium, Node 24, code-server)', async () => {
    const out = await run('bash', [path.join(repoRoot, 'scripts/e2e/setup.sh')], { echo: false, stdio: ['ignore', 'pipe', 'inherit'] });
    const kv = Object.fromEntries(
      out
        .split('\n')
        .map((l) => /^(E2E_[A-Z_]+)=(.*)$/.exec(l))
        .filter(Boolean)
        .map((m) => [m[1], m[2]]),
    );
    for (const k of ['E2E_NODE_BIN_DIR', 'E2E_CODE_SERVER']) {
      if (!kv[k]) throw new Error(`setup.sh did not print ${k}=…; output was:\n${out}`);
    }
    if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}`);
    for (const m of ['playwright-core', 'mocha']) {
      if (!fs.existsSync(path.join(repoRoot, 'node_modules', m))) throw new Error(`node_modules/${m} is missing: run npm install (or npm ci) in the repo`);
    }
    return kv;
  });

  // 2. package ---------------------------------------------------------------------------------
  const vsix = await step('package the extension (npm run package -> azrs.vsix)', async () => {
    if (process.env.AZRS_E2E_VSIX) {
      const p = path.resolve(process.env.AZRS_E2E_VSIX);
      if (!fs.existsSync(p)) throw new Error(`AZRS_E2E_VSIX=${p} does not exist`);
      log(`  using AZRS_E2E_VSIX=${p}`);
      return p;
    }
    const p = path.join(repoRoot, 'azrs.vsix');
    if (args.has('--skip-package')) {
      if (!fs.existsSync(p)) throw new Error(`--skip-package given but ${p} does not exist`);
      return p;
    }
    const before = fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
    await run('npm', ['run', 'package'], { cwd: repoRoot });
    if (!fs.existsSync(p) || fs.statSync(p).mtimeMs === before) {
      throw new Error(`npm run package succeeded but did not (re)write ${p}`);
    }
    return p;
  });

  // 3. build -----------------------------------------------------------------------------------
  const bundles = await step('bundle the e2e suites (esbuild)', async () => buildSuites());

  // Scratch folder: profile, extensions, HOME/XDG/TMPDIR, workspaces.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'azrs-e2e-'));
  const dirs = {
    home: path.join(scratch, 'home'),
    tmp: path.join(scratch, 'tmp'),
    data: path.join(scratch, 'user-data'),
    ext: path.join(scratch, 'extensions'),
    wsIntegration: path.join(scratch, 'ws-integration'),
    wsUi: path.join(scratch, 'ws-ui'),
    // The UI suite's trace steps: a folder of its own, since element names are unique across a workspace.
    wsTrace: path.join(scratch, 'ws-trace'),
    chromeIntegration: path.join(scratch, 'chromium-integration'),
    chromeUi: path.join(scratch, 'chromium-ui'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const csLog = path.join(scratch, 'code-server.log');
  cleanups.push(async () => {
    if (fs.existsSync(csLog)) fs.copyFileSync(csLog, path.join(resultsDir, 'code-server.log'));
    if (keepScratch) log(`scratch folder kept: ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  });
  const childEnv = {
    ...process.env,
    PATH: `${env.E2E_NODE_BIN_DIR}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: path.dirname(env.E2E_NODE_BIN_DIR),
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
  };
  // Keep code-server's own flags from leaking in from the caller's environment.
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'CODE_SERVER_CONFIG', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE']) delete childEnv[k];

  await step(`prepare scratch workspaces with ${sampleName}`, async () => {
    const files = copySample(samplesDir, sampleName, [dirs.wsIntegration, dirs.wsUi]);
    log(`  copied ${files.map((f) => path.relative(repoRoot, f)).join(', ')}`);
    const broken = writeReturnBrokenSample(samplesDir, dirs.wsTrace);
    log(`  wrote ${path.relative(scratch, broken)} (the seed with its return path broken)`);
    const importInput = copyImportInput(dirs.wsIntegration);
    log(`  copied ${path.relative(scratch, importInput)} (the integration suite's import input, with SOURCE.md and LICENSE)`);
    const settings = {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': 'off',
      'extensions.autoCheckUpdates': false,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'git.enabled': false,
      'editor.hover.delay': 300,
      'window.commandCenter': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
    };
    fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  });

  // 4. install ---------------------------------------------------------------------------------
  const extDir = await step('install the vsix into a throw-away code-server profile', async () => {
    await run(env.E2E_CODE_SERVER, ['--install-extension', vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.data], {
      env: childEnv,
      cwd: scratch,
    });
    const installed = fs.readdirSync(dirs.ext).filter((d) => /^azrs\.azrs-/.test(d));
    if (installed.length !== 1) {
      throw new Error(`expected one azrs.azrs-* folder in ${dirs.ext} after --install-extension; seen: ${fs.readdirSync(dirs.ext).join(', ') || '(none)'}`);
    }
    const dir = path.join(dirs.ext, installed[0]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const main = path.join(dir, manifest.main ?? 'MISSING');
    const mainExists = [main, `${main}.js`].some((p) => fs.existsSync(p));
    if (!mainExists) throw new Error(`the installed extension has no main file ${manifest.main} (is it missing from the vsix?)`);
    log(`  installed ${installed[0]}`);
    return dir;
  });

  // 5. start -----------------------------------------------------------------------------------
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await step(`start code-server on ${baseUrl}`, async () => {
    const logFd = fs.openSync(csLog, 'a');
    // detached: the child calls setsid(), so it leads its own process group (pgid = pid).
    const child = spawn(
      env.E2E_CODE_SERVER,
      [
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir',
        dirs.data,
        '--extensions-dir',
        dirs.ext,
        '--vscode-option',
        'enable-smoke-test-driver',
      ],
      { detached: true, stdio: ['ignore', logFd, logFd], env: childEnv, cwd: scratch },
    );
    fs.closeSync(logFd);
    processGroups.add(child.pid);
    cleanups.push(() => killGroup(child.pid, 'code-server'));
    let exited = null;
    child.on('exit', (code, sig) => (exited = sig ?? code));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited !== null) throw new Error(`code-server exited (${exited}) before answering /healthz:\n${fs.readFileSync(csLog, 'utf8').slice(-3000)}`);
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${baseUrl}/healthz within 30 s:\n${fs.readFileSync(csLog, 'utf8').slice(-3000)}`);
      await sleep(150);
    }
  });

  const { chromium } = await import(pathToFileURL(path.join(repoRoot, 'node_modules/playwright-core/index.mjs')).href);
  const launch = async (userDataDir) => {
    const ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: childEnv,
      viewport: { width: 1600, height: 1000 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    cleanups.push(() => ctx.close().catch(() => undefined));
    return ctx;
  };

  const failures = [];

  // 6. integration -------------------------------------------------------------------------------
  if (!only || only === 'integration') {
    try {
      await step('integration suite (mocha in the extension host)', async () => {
        const resultsFile = path.join(resultsDir, 'integration-results.json');
        const consoleLog = path.join(resultsDir, 'integration-console.log');
        const ctx = await launch(dirs.chromeIntegration);
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        let resolveExit;
        const exited = new Promise((r) => (resolveExit = r));
        const consoleLines = [];
        await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
        await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
          const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
          consoleLines.push(`[${type}] ${line}`);
          // The workbench's own chatter (offline gallery, auth providers, sockets) stays in the log file.
          if (WORKBENCH_NOISE.test(line)) return;
          for (const l of line.split('\n')) console.log(`  │ ${l}`);
        });
        page.on('console', (msg) => consoleLines.push(`[browser ${msg.type()}] ${msg.text()}`));
        page.on('pageerror', (err) => consoleLines.push(`[pageerror] ${err.message}`));
        const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
        const payload = [
          ['extensionDevelopmentPath', remote(extDir)],
          ['extensionTestsPath', remote(bundles.integration)],
          [
            'extensionEnvironment',
            JSON.stringify({
              AZRS_E2E_RESULTS: resultsFile,
              AZRS_E2E_SAMPLE: sampleName,
              AZRS_E2E_IMPORT_INPUT: IMPORT_INPUT,
              ...(process.env.AZRS_E2E_GREP ? { AZRS_E2E_GREP: process.env.AZRS_E2E_GREP } : {}),
              ...(process.env.AZRS_E2E_TIMEOUT_MS ? { AZRS_E2E_TIMEOUT_MS: process.env.AZRS_E2E_TIMEOUT_MS } : {}),
            }),
          ],
        ];
        const url = `${baseUrl}/?folder=${encodeURIComponent(dirs.wsIntegration)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        let timer;
        const code = await Promise.race([
          exited,
          new Promise((r) => (timer = setTimeout(() => r('timeout'), INTEGRATION_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        fs.writeFileSync(consoleLog, consoleLines.join('\n') + '\n');
        if (code === 'timeout') {
          await page.screenshot({ path: path.join(resultsDir, 'FAILED-integration.png') }).catch(() => undefined);
          throw new Error(
            `the extension host did not report an exit code within ${secs(INTEGRATION_TIMEOUT_MS)} ` +
              `(codeAutomationExit never called: is the smoke-test driver on and the payload accepted?). ` +
              `Screenshot: ${path.join(resultsDir, 'FAILED-integration.png')}; console: ${consoleLog}`,
          );
        }
        await ctx.close().catch(() => undefined);
        let detail = '';
        if (fs.existsSync(resultsFile)) {
          const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
          const failed = r.results.filter((t) => t.state === 'failed');
          detail = failed.map((t) => `\n  ✘ ${t.title}\n${String(t.error).replace(/^/gm, '      ')}`).join('');
          log(`  ${r.results.length - failed.length} passed, ${failed.length} failed`);
        } else if (code !== 0) {
          detail = `\n  (no ${resultsFile}: the suite did not get to run; see ${consoleLog})`;
        }
        if (code !== 0) throw new Error(`the integration suite exited with code ${code}${detail}`);
      });
    } catch (err) {
      failures.push(err);
    }
  }

  // 7. UI --------------------------------------------------------------------------------------
  if (!only || only === 'ui') {
    try {
      await step('UI suite (playwright, as a user)', async () => {
        const ctx = await launch(dirs.chromeUi);
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        page.setDefaultTimeout(30_000);
        const ui = await import(pathToFileURL(bundles.ui).href);
        const failed = await ui.run({
          page,
          baseUrl,
          workspace: dirs.wsUi,
          sample: sampleName,
          traceWorkspace: dirs.wsTrace,
          traceSample: RETURN_BROKEN_SAMPLE,
          resultsDir,
        });
        await ctx.close().catch(() => undefined);
        if (failed > 0) throw new Error(`${failed} UI step(s) failed (screenshots and screen text: ${path.relative(process.cwd(), resultsDir)}/FAILED-*)`);
      });
    } catch (err) {
      failures.push(err);
    }
  }

  if (failures.length) {
    const err = new Error(failures.map((f) => `step "${f.step}" failed: ${f.message}`).join('\n\n'));
    err.reported = true;
    throw err;
  }
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  const msg = err.reported ? err.message : err instanceof StepFailure ? `step "${err.step}" failed: ${err.message}` : err?.stack ?? String(err);
  console.error(`\n[e2e] FAILED\n${msg}`);
} finally {
  await cleanup();
}
console.log('\n[e2e] summary');
for (const s of summary) console.log(`  ${s.status === 'ok' ? '✔' : '✘'} ${s.name.padEnd(60)} ${secs(s.ms).padStart(8)}`);
console.log(`  total ${secs(Date.now() - t0)}${exitCode ? ' — FAILED' : ' — all passed'}; artifacts in ${path.relative(process.cwd(), resultsDir) || '.'}`);
process.exit(exitCode);
