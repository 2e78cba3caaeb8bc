// The azrs extension as a user sees it in the VS Code workbench (served by code-server), driven
// by headless chromium through playwright-core. Each test is one step; each step leaves a
// screenshot in test-results/e2e/, and a failure leaves FAILED-<step>.png/.txt with what was on screen.
// Uses mocha's TDD globals, installed by index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { COLD_START_TIMEOUT_MS, StepError, Workbench, clip, stripAnsi, waitFor } from './workbench.js';

export interface UiOptions {
  page: Page;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Absolute path of the scratch workspace folder (holds a copy of the sample). */
  workspace: string;
  sample: string;
  resultsDir: string;
}

const MISSING_AS_OVERRIDE = 'missing-as-override';
const DUAL_HOMED = 'dual-homed-use-remote-gateways';

export function defineUiTests(opts: UiOptions): void {
  const wb = new Workbench(opts.page, opts.resultsDir);
  const sampleText = fs.readFileSync(path.join(opts.workspace, opts.sample), 'utf8');
  const vms = [...sampleText.matchAll(/^[^/\n]*\bvm\s+([A-Za-z_][A-Za-z0-9_-]*)/gm)].map((m) => m[1]);
  let workbenchUp = false;
  let sampleOpen = false;
  let diagramShown = false;

  suite('azrs in the VS Code workbench (as a user)', function () {
    // A step that the later ones depend on failed: skip those instead of piling up timeouts.
    const requireSample = (ctx: Mocha.Context) => {
      if (!workbenchUp || !sampleOpen) ctx.skip();
    };

    // eslint-disable-next-line prefer-arrow-callback
    teardown(async function () {
      const t = this.currentTest;
      if (!t) return;
      if (t.state === 'failed') {
        const saved = await wb.saveFailure(t.title, t.err);
        const note = `\n  screenshot:  ${saved.png}\n  screen text: ${saved.txt}\n  on screen:\n${(await wb.describeScreen().catch(() => '')).replace(/^/gm, '    ')}`;
        const err = t.err;
        if (err) {
          // Keep message and stack consistent so the reporter prints the message once.
          const before = err.message;
          err.message = stripAnsi(before) + note;
          if (err.stack) err.stack = stripAnsi(err.stack.replace(before, err.message));
        }
      } else if (t.state === 'passed') {
        await wb.screenshot(t.title);
      }
    });

    test('workbench loads the scratch workspace', async () => {
      await wb.open(`${opts.baseUrl}/?folder=${encodeURIComponent(opts.workspace)}`);
      workbenchUp = true;
    });

    test(`open ${opts.sample} with Quick Open (Ctrl+P)`, async function () {
      if (!workbenchUp) this.skip();
      await wb.quickOpen(opts.sample);
      sampleOpen = true;
    });

    test(`Problems panel lists ${MISSING_AS_OVERRIDE} and ${DUAL_HOMED}`, async function () {
      requireSample(this);
      await wb.showProblems();
      await waitFor(
        `the Problems panel to list ${MISSING_AS_OVERRIDE} and ${DUAL_HOMED}`,
        async () => {
          const t = await wb.problemsText();
          return t.includes(MISSING_AS_OVERRIDE) && t.includes(DUAL_HOMED);
        },
        async () => `Problems rows:\n${clip(await wb.problemsText()) || '(empty)'}`,
        COLD_START_TIMEOUT_MS,
      );
      // Squiggles in the editor too.
      await waitFor(
        'warning and error squiggles in the editor',
        async () =>
          (await opts.page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').count()) > 0 ||
          (await opts.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count()) > 0,
        () => 'no .squiggly-warning / .squiggly-error decorations in the visible part of the editor',
        10_000,
      ).catch(() => undefined); // the squiggles may be scrolled out of view; the Problems panel is the assertion
    });

    test('hover on a VM name shows its effective route table', async function () {
      requireSample(this);
      if (vms.length === 0) throw new StepError(`expected 'vm <name>' declarations in ${opts.sample}; found none`);
      const lines = sampleText.split('\n');
      const tried: string[] = [];
      for (const vm of vms) {
        const lineNo = lines.findIndex((l) => new RegExp(`\\bvm\\s+${vm}\\b`).test(l)) + 1;
        const column = lines[lineNo - 1].indexOf(vm) + 1;
        await wb.goToLine(lineNo, column);
        const text = await wb.hoverWord(
          new RegExp(`\\bvm\\s+${vm}\\b`),
          vm,
          (t) => /Source/.test(t) && /State/.test(t) && /Next hop/i.test(t),
          `a hover on vm '${vm}' showing an effective route table (Source, State, Next hop columns)`,
        );
        tried.push(`${vm}: ${clip(text, 300)}`);
        if (text.includes('VirtualNetworkGateway')) {
          await wb.screenshot(`hover-${vm}`);
          await opts.page.keyboard.press('Escape');
          return;
        }
      }
      throw new StepError(
        `expected the route table of at least one VM to show a VirtualNetworkGateway route;\n  seen:\n${tried.map((t) => `    ${t}`).join('\n')}`,
      );
    });

    test(`quick fix (Ctrl+.) 'asOverride: true' removes the ${MISSING_AS_OVERRIDE} warning`, async function () {
      requireSample(this);
      await opts.page.mouse.move(5, 5);
      await wb.showProblems();
      const rows = wb.problemRows(MISSING_AS_OVERRIDE);
      const before = await waitFor(
        `a ${MISSING_AS_OVERRIDE} row in Problems`,
        async () => (await rows.count()) || undefined,
        async () => `Problems rows:\n${clip(await wb.problemsText()) || '(empty)'}`,
      );
      // Select the problem and press Enter: the editor opens at the diagnostic with the focus.
      await rows.first().click();
      await opts.page.keyboard.press('Enter');
      await opts.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 10_000 });
      const menuRows = opts.page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row');
      let menu = '';
      let pressedAt = 0;
      const fix = await waitFor(
        "the quick-fix menu to offer an action containing 'asOverride: true'",
        async () => {
          // Ctrl+., and if no menu shows within 3 s, Escape (closing whatever a previous press left
          // half-open) and Ctrl+. again. A retry never clicks or presses Enter: only the step's own
          // click below applies a fix.
          if ((await menuRows.count()) === 0 && Date.now() - pressedAt > 3000) {
            if ((await rows.count()) < before) {
              throw new StepError(`the ${MISSING_AS_OVERRIDE} warning went away before the quick fix was picked from the menu`);
            }
            if (pressedAt > 0) await opts.page.keyboard.press('Escape');
            await opts.page.keyboard.press('Control+.');
            pressedAt = Date.now();
          }
          menu = await menuRows.allInnerTexts().then((t) => t.join(' | '));
          const row = menuRows.filter({ hasText: 'asOverride: true' });
          return (await row.count()) > 0 ? row.first() : undefined;
        },
        () => `quick-fix menu: ${menu || '(no menu open)'}`,
        20_000,
      );
      await wb.screenshot('quick-fix-menu');
      await fix.click();
      await waitFor(
        `the ${MISSING_AS_OVERRIDE} rows in Problems to drop from ${before} to ${before - 1} after the fix`,
        async () => (await rows.count()) < before,
        async () => `Problems rows:\n${clip(await wb.problemsText()) || '(empty)'}`,
      );
      const lines = await wb.visibleEditorLines();
      if (!lines.some((l) => l.includes('asOverride: true'))) {
        throw new StepError(`expected the editor to show 'asOverride: true' after the fix; visible lines:\n${lines.join('\n')}`);
      }
    });

    test('command palette (F1) "azrs: Show Route Flow" draws the diagram', async function () {
      requireSample(this);
      await wb.runCommand('azrs: Show Route Flow');
      const frame = wb.webviewFrame();
      const nodes = frame.locator('svg [data-node-id]');
      await waitFor(
        'a webview with an <svg> containing elements with data-node-id',
        async () => (await nodes.count()) > 0,
        async () => {
          const webviews = await opts.page.locator('iframe.webview').count();
          const body = webviews ? await frame.locator('body').innerText({ timeout: 2000 }).catch(() => '(webview body not readable)') : '';
          return `${webviews} webview iframe(s); webview text: ${clip(body, 600) || '(empty)'}`;
        },
        COLD_START_TIMEOUT_MS / 2,
      );
      // The panel may draw twice (first the model, again when the diagnostics arrive): a node of
      // the first drawing can be replaced between the count and the measure, so wait for a sized one.
      let box: { width: number; height: number } | null = null;
      await waitFor(
        'the first diagram node drawn with a size',
        async () => {
          box = await nodes.first().boundingBox({ timeout: 2000 }).catch(() => null);
          return box !== null && box.width > 0 && box.height > 0;
        },
        async () => `expected the first diagram node to be drawn with a size; seen bounding box ${JSON.stringify(box)}`,
        COLD_START_TIMEOUT_MS / 2,
      );
      diagramShown = true;
    });

    test('picking a prefix shows its flow in the diagram', async function () {
      requireSample(this);
      if (!diagramShown) this.skip();
      const frame = wb.webviewFrame();
      const picker = frame.locator('#prefix-picker');
      await waitFor(
        'a visible prefix picker (#prefix-picker, a <select> or <input>) in the route-flow webview',
        () => picker.isVisible(),
        async () => `webview text: ${clip(await frame.locator('body').innerText({ timeout: 2000 }).catch(() => '(not readable)'), 600)}`,
        15_000,
      );
      const flow = frame.locator('.flow-drop, .flow-advert');
      const tag = await picker.evaluate((e) => e.tagName.toLowerCase());
      let candidates: string[];
      if (tag === 'select') {
        candidates = (await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v);
      } else {
        const listed = await picker.evaluate((e) => {
          const list = (e as HTMLInputElement).list;
          return list ? Array.from(list.options).map((o) => o.value) : [];
        });
        const fromSample = [...sampleText.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}\b/g)].map((m) => m[0]);
        candidates = [...new Set([...(process.env.AZRS_E2E_FLOW_PREFIX ? [process.env.AZRS_E2E_FLOW_PREFIX] : []), ...listed, ...fromSample])];
      }
      if (candidates.length === 0) throw new StepError(`expected #prefix-picker (<${tag}>) to offer prefixes; it offers none`);
      const tried: string[] = [];
      for (const prefix of candidates.slice(0, 6)) {
        if (tag === 'select') await picker.selectOption(prefix);
        else {
          await picker.fill(prefix);
          await picker.press('Enter');
        }
        tried.push(prefix);
        const shown = await waitFor(`flow elements for ${prefix}`, async () => (await flow.count()) > 0, () => '', 8_000).catch(() => false);
        if (shown) return;
      }
      throw new StepError(
        `expected elements with class flow-drop or flow-advert after picking a prefix in #prefix-picker (<${tag}>); tried ${tried.join(', ')} and saw none.\n  webview text: ${clip(await frame.locator('body').innerText().catch(() => ''), 600)}`,
      );
    });
  });
}
