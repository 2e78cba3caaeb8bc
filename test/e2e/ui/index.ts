// Entry point of the UI suite, called by scripts/e2e/run.mjs with a playwright page already
// created and code-server already serving. Returns the number of failed steps.
import Mocha from 'mocha';
import { defineUiTests, type UiOptions } from './azrs.ui.test.js';

export type { UiOptions };

export async function run(opts: UiOptions): Promise<number> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: process.stdout.isTTY,
    reporter: 'spec',
    timeout: Number(process.env.AZRS_E2E_TEST_TIMEOUT_MS ?? 120_000),
    // The first two steps (load the workbench, open the sample) are what the others stand on.
    grep: process.env.AZRS_E2E_GREP ? new RegExp(`${process.env.AZRS_E2E_GREP}|workbench loads|Quick Open`) : undefined,
  });
  mocha.suite.emit('pre-require', globalThis, 'azrs.ui.test.ts', mocha);
  defineUiTests(opts);
  return new Promise<number>((resolve) => mocha.run(resolve));
}
