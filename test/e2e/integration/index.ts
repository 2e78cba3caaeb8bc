// Entry point of the integration suite: VS Code loads this file as `extensionTestsPath` and calls
// `run()` in the extension host. scripts/e2e/build.mjs bundles it (with mocha) into one CJS file;
// the same bundle runs under code-server (scripts/e2e/run.mjs) and @vscode/test-electron
// (scripts/e2e/test-electron.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { defineTests } from './azrs.test.js';
import { defineImportTests } from './import.test.js';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.AZRS_E2E_TEST_TIMEOUT_MS ?? 120_000),
    grep: process.env.AZRS_E2E_GREP || undefined,
  });
  // Install suite/test/suiteSetup as globals, as mocha does for each spec file it loads itself.
  mocha.suite.emit('pre-require', globalThis, 'azrs.test.ts', mocha);
  defineTests();
  defineImportTests();

  const results: TestResult[] = [];
  const resultsFile = process.env.AZRS_E2E_RESULTS;
  const started = Date.now();

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err: Error) =>
      results.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }),
    );
  });

  if (resultsFile) {
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify({ failures, durationMs: Date.now() - started, results }, null, 2));
  }
  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed`);
  }
}
