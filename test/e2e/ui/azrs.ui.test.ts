// The azrs extension as a user sees it in the VS Code workbench (served by code-server), driven
// by headless chromium through playwright-core. Each test is one step; each step leaves a
// screenshot in test-results/e2e/, and a failure leaves FAILED-<step>.png/.txt with what was on screen.
// Uses mocha's TDD globals, installed by index.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { COLD_START_TIMEOUT_MS, StepError, Workbench, clip, stripAnsi, waitFor } from './workbench.js';

export interface UiOptions {
  page: Page;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** Absolute path of the scratch workspace folder (holds a copy of the sample). */
  workspace: string;
  sample: string;
  /** Absolute path of a second scratch folder holding `traceSample` alone (names are unique per workspace). */
  traceWorkspace: string;
  /** The seed with its return path broken (scripts/e2e/build.mjs writeReturnBrokenSample). */
  traceSample: string;
  resultsDir: string;
}

const MISSING_AS_OVERRIDE = 'missing-as-override';
const DUAL_HOMED = 'dual-homed-use-remote-gateways';
const ASYMMETRIC = 'asymmetric-path';

/**
 * Trace mode on the UI suite's sample, as the steps before leave it: the quick fix gave the first
 * missing-as-override row (nva1 <-> rs0) asOverride, so app-vm reaches dc1 through hub1's NVA and the
 * reply comes back the same way. Checked with `azrs trace --from app-vm --to 10.2.13.10` on that text
 * and `azrs diagram --trace` (the hop titles); a sample not listed here skips the trace steps.
 */
const TRACE_ON_SAMPLE: Record<string, { trace: string; forward: string[]; reply: string[]; status: string }> = {
  'dual-homed-er-broken.azrs': {
    trace: 'app-vm:10.2.13.10',
    forward: ['forward hop 1: app-vm -> nva1', 'forward hop 2: nva1 -> ergw1', 'forward hop 3: ergw1 -> dc1'],
    reply: ['reply hop 1: dc1 -> ergw1', 'reply hop 2: ergw1 -> nva1', 'reply hop 3: nva1 -> app-vm'],
    status: 'app-vm:10.2.13.10: delivered, reply delivered',
  },
};

/**
 * The seed with its return path broken (scripts/e2e/build.mjs): app-vm leaves through nva1 and dc1
 * replies through ergw2 and nva2, so each stateful NVA sees one direction only. Checked with
 * `azrs trace --from app-vm --to dc1` and `azrs diagram --trace app-vm:dc1` on the generated file.
 */
const BROKEN_TRACE = {
  trace: 'app-vm:dc1',
  forward: ['forward hop 1: app-vm -> nva1', 'forward hop 2: nva1 -> ergw1', 'forward hop 3: ergw1 -> dc1'],
  reply: ['reply hop 1: dc1 -> ergw2', 'reply hop 2: ergw2 -> nva2', 'reply hop 3: nva2 -> app-vm'],
  blocking: 'asymmetric: nva1, nva2 see one direction only',
  status: 'app-vm:dc1: delivered, reply delivered (asymmetric: nva1, nva2 see one direction only)',
};

/** Skips a step whose premise failed, saying why in the run's output (mocha prints skips without a reason). */
function skipStep(ctx: Mocha.Context, reason: string): never {
  console.log(`      (skipped: ${reason})`);
  ctx.skip();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Screenshot after a passed step; after a failed one, FAILED-<step>.png/.txt and the screen text in the error. */
async function recordStep(wb: Workbench, ctx: Mocha.Context): Promise<void> {
  const t = ctx.currentTest;
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
}

/** The diagram's trace overlay in the webview, as text for waits and failure messages. */
async function traceOverlay(frame: FrameLocator): Promise<{ forward: string[]; reply: string[]; blocking: string[]; status: string; picker: string }> {
  const titles = (sel: string) => frame.locator(`#diagram svg ${sel} > title`).allTextContents();
  return {
    forward: await titles('path.trace-forward'),
    reply: await titles('path.trace-return'),
    blocking: await titles('rect.trace-blocking'),
    status: (await frame.locator('#status').textContent({ timeout: 2000 }).catch(() => null)) ?? '(no #status)',
    picker: await frame.locator('#trace-picker').inputValue({ timeout: 2000 }).catch(() => '(no #trace-picker)'),
  };
}

/** Types `trace` (FROM:TO) into the webview's #trace-picker and presses Enter, as a user would. */
async function typeTrace(frame: FrameLocator, trace: string): Promise<void> {
  const picker = frame.locator('#trace-picker');
  await waitFor(
    'a visible trace picker (#trace-picker) in the route-flow webview',
    () => picker.isVisible(),
    async () => `webview text: ${clip(await frame.locator('body').innerText({ timeout: 2000 }).catch(() => '(not readable)'), 600)}`,
    15_000,
  );
  await picker.click();
  await picker.fill(trace);
  await picker.press('Enter');
}

export function defineUiTests(opts: UiOptions): void {
  const wb = new Workbench(opts.page, opts.resultsDir);
  const sampleText = fs.readFileSync(path.join(opts.workspace, opts.sample), 'utf8');
  const vms = [...sampleText.matchAll(/^[^/\n]*\bvm\s+([A-Za-z_][A-Za-z0-9_-]*)/gm)].map((m) => m[1]);
  let workbenchUp = false;
  let sampleOpen = false;
  let diagramShown = false;
  let asOverrideFixed = false;
  let traceShown = false;
  const onSample = TRACE_ON_SAMPLE[opts.sample];

  suite('azrs in the VS Code workbench (as a user)', function () {
    // A step that the later ones depend on failed: skip those instead of piling up timeouts.
    const requireSample = (ctx: Mocha.Context) => {
      if (!workbenchUp || !sampleOpen) ctx.skip();
    };

    // eslint-disable-next-line prefer-arrow-callback
    teardown(async function () {
      await recordStep(wb, this);
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
      asOverrideFixed = true;
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

    // Trace mode (issue 15) through the real panel: the webview posts selectTrace, the extension asks
    // the language server (azrs/diagram with trace) and posts the model back; the tab title is the
    // extension's, so it shows the panel got the message.
    test(`typing ${onSample?.trace ?? 'FROM:TO'} in the trace picker draws the forward path and the reply through nva1`, async function () {
      requireSample(this);
      if (!onSample) skipStep(this, `no verified trace for ${opts.sample} in TRACE_ON_SAMPLE`);
      if (!diagramShown) skipStep(this, 'the diagram step did not pass');
      if (!asOverrideFixed) {
        throw new StepError(`this step expects the quick-fix step to have given 'nva1 <-> rs0' asOverride: true (app-vm has no route to dc1 otherwise); that step did not pass`);
      }
      const frame = wb.webviewFrame();
      await typeTrace(frame, onSample.trace);
      let seen = await traceOverlay(frame);
      await waitFor(
        `the panel to draw path.trace-forward titled ${JSON.stringify(onSample.forward)} and path.trace-return titled ${JSON.stringify(onSample.reply)}`,
        async () => {
          seen = await traceOverlay(frame);
          return sameList(seen.forward, onSample.forward) && sameList(seen.reply, onSample.reply);
        },
        async () => `${JSON.stringify(seen, null, 1)}\n  tabs: ${(await wb.tabLabels()).join(' | ')}`,
        COLD_START_TIMEOUT_MS / 2,
      );
      if (seen.blocking.length > 0) throw new StepError(`expected nothing blocked on ${onSample.trace} (no rect.trace-blocking); seen frames titled ${JSON.stringify(seen.blocking)}`);
      await waitFor(
        `the status line to read '${onSample.status}'`,
        async () => (seen = await traceOverlay(frame)).status === onSample.status,
        () => `status: '${seen.status}'`,
      );
      await waitFor(
        `the panel's tab title to name the trace: '(trace ${onSample.trace})'`,
        async () => (await wb.tabLabels()).some((t) => t.includes(`(trace ${onSample.trace})`)),
        async () => `tabs: ${(await wb.tabLabels()).join(' | ')}`,
      );
      traceShown = true;
    });

    // Failure mode (issue 16): the failure picker's list comes from the server; picking nva1 posts
    // selectFailure and the panel draws the topology with nva1 down (class 'down' on the node and its
    // BGP sessions, as `azrs diagram --failure nva1` draws it), leaving trace mode.
    test('picking nva1 in the failure picker draws nva1 and its BGP sessions down, and leaves trace mode', async function () {
      requireSample(this);
      if (!diagramShown || !traceShown) skipStep(this, 'the diagram or the trace step did not pass; this step checks that a failure leaves trace mode');
      const frame = wb.webviewFrame();
      const classOf = (sel: string) => frame.locator(`#diagram svg ${sel}`).first().getAttribute('class', { timeout: 2000 }).catch(() => null);
      const nva1 = '[data-node-id="nva:nva1"]';
      const nva2 = '[data-node-id="nva:nva2"]';
      const sessions = ['[data-edge-id="bgp:nva1<->rs0"]', '[data-edge-id="bgp:nva1<->rs1"]'];
      const before = await classOf(nva1);
      if (before === null || /\bdown\b/.test(before)) throw new StepError(`expected nva1 drawn up before any failure is picked; seen class '${before}'`);
      const picker = frame.locator('#failure-picker');
      const options = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      if (!options.includes('nva1')) throw new StepError(`expected #failure-picker to offer nva1 (the server's failure list); it offers ${JSON.stringify(options)}`);
      await picker.selectOption('nva1');
      let seen = '';
      await waitFor(
        `nva1 and its sessions ${sessions.join(', ')} drawn with class 'down', nva2 not, and no trace paths`,
        async () => {
          const classes = [await classOf(nva1), await classOf(nva2), ...(await Promise.all(sessions.map(classOf)))];
          const overlay = await traceOverlay(frame);
          seen = `nva1: '${classes[0]}', nva2: '${classes[1]}', ${sessions.map((s, i) => `${s}: '${classes[i + 2]}'`).join(', ')}; trace paths: ${overlay.forward.length + overlay.reply.length}; status: '${overlay.status}'`;
          const down = (c: string | null) => c !== null && /\bdown\b/.test(c);
          return down(classes[0]) && classes[1] !== null && !down(classes[1]) && classes.slice(2).every(down) && overlay.forward.length + overlay.reply.length === 0;
        },
        () => seen,
        COLD_START_TIMEOUT_MS / 2,
      );
      const nodeTitle = await frame.locator(`#diagram svg ${nva1} > title`).textContent();
      if (!nodeTitle?.includes('NVA nva1 (down)')) throw new StepError(`expected nva1's hover title to say 'NVA nva1 (down)'; seen '${nodeTitle}'`);
      const overlay = await traceOverlay(frame);
      if (overlay.picker !== '') throw new StepError(`expected picking a failure to clear #trace-picker; it holds '${overlay.picker}'`);
      await waitFor(
        "the status line 'If nva1 fails: the topology under that failure.' and the tab title '(if nva1 fails)'",
        async () =>
          (await traceOverlay(frame)).status === 'If nva1 fails: the topology under that failure.' &&
          (await wb.tabLabels()).some((t) => t.includes('(if nva1 fails)')),
        async () => `status: '${(await traceOverlay(frame)).status}'; tabs: ${(await wb.tabLabels()).join(' | ')}`,
      );
    });
  });

  // Issue 15's "done when" in the editor: the seed with its return path broken shows asymmetric-path
  // in Problems, and its trace in the diagram frames the two NVAs that each see one direction only.
  // A second window on its own folder: names are unique across a workspace's .azrs files.
  let traceWb: Workbench | undefined;
  let brokenOpen = false;
  const brokenText = fs.readFileSync(path.join(opts.traceWorkspace, opts.traceSample), 'utf8');
  suite(`azrs on the seed with its return path broken (${opts.traceSample})`, function () {
    // eslint-disable-next-line prefer-arrow-callback
    teardown(async function () {
      if (traceWb) await recordStep(traceWb, this);
    });

    test(`open ${opts.traceSample} with Quick Open (Ctrl+P) in a second window, on ${path.basename(opts.traceWorkspace)}`, async function () {
      if (!workbenchUp) skipStep(this, 'the first window did not load');
      const page = await opts.page.context().newPage();
      // The first window's extension host and language server would compete for the two cores.
      await opts.page.close().catch(() => undefined);
      traceWb = new Workbench(page, opts.resultsDir);
      await traceWb.open(`${opts.baseUrl}/?folder=${encodeURIComponent(opts.traceWorkspace)}`);
      await traceWb.quickOpen(opts.traceSample);
      brokenOpen = true;
    });

    test(`Problems panel lists ${ASYMMETRIC} on the 'dc1' connection of hub2's gateway`, async function () {
      if (!traceWb || !brokenOpen) skipStep(this, `${opts.traceSample} did not open`);
      const lines = brokenText.split('\n');
      const line = lines.findIndex((l) => /connections:\s*\[dc2, dc1\]/.test(l)) + 1;
      if (line === 0) throw new StepError(`expected 'connections: [dc2, dc1]' in ${opts.traceSample}; it is not there`);
      const at = `Ln ${line}, Col ${lines[line - 1].lastIndexOf('dc1') + 1}`;
      const wb2 = traceWb;
      await wb2.showProblems();
      await waitFor(
        `a Problems row with ${ASYMMETRIC}, "Asymmetric path for VM 'app-vm'" and [${at}]`,
        async () =>
          (await wb2.problemsText())
            .split('\n')
            .some((r) => r.includes(ASYMMETRIC) && r.includes("Asymmetric path for VM 'app-vm'") && r.includes(at)),
        async () => `Problems rows:\n${clip(await wb2.problemsText()) || '(empty)'}`,
        COLD_START_TIMEOUT_MS,
      );
    });

    test(`Show Route Flow, then trace ${BROKEN_TRACE.trace}: the reply comes back through nva2 and nva1, nva2 are framed (rect.trace-blocking)`, async function () {
      if (!traceWb || !brokenOpen) skipStep(this, `${opts.traceSample} did not open`);
      const wb2 = traceWb;
      await wb2.runCommand('azrs: Show Route Flow');
      const frame = wb2.webviewFrame();
      await waitFor(
        'the route-flow webview to draw the diagram (svg [data-node-id="nva:nva1"])',
        async () => (await frame.locator('#diagram svg [data-node-id="nva:nva1"]').count()) > 0,
        async () => `webview text: ${clip(await frame.locator('body').innerText({ timeout: 2000 }).catch(() => '(not readable)'), 600)}`,
        COLD_START_TIMEOUT_MS,
      );
      await typeTrace(frame, BROKEN_TRACE.trace);
      let seen = await traceOverlay(frame);
      await waitFor(
        `two rect.trace-blocking titled '${BROKEN_TRACE.blocking}', path.trace-forward ${JSON.stringify(BROKEN_TRACE.forward)}, path.trace-return ${JSON.stringify(BROKEN_TRACE.reply)}`,
        async () => {
          seen = await traceOverlay(frame);
          return (
            sameList(seen.blocking, [BROKEN_TRACE.blocking, BROKEN_TRACE.blocking]) &&
            sameList(seen.forward, BROKEN_TRACE.forward) &&
            sameList(seen.reply, BROKEN_TRACE.reply)
          );
        },
        async () => `${JSON.stringify(seen, null, 1)}\n  tabs: ${(await wb2.tabLabels()).join(' | ')}`,
        COLD_START_TIMEOUT_MS / 2,
      );
      // The frames sit around nva1's and nva2's boxes, as drawn on screen (both measured in the webview's frame).
      const frames = await frame
        .locator('#diagram svg rect.trace-blocking')
        .evaluateAll((rs) => rs.map((r) => ({ left: r.getBoundingClientRect().left, top: r.getBoundingClientRect().top, right: r.getBoundingClientRect().right, bottom: r.getBoundingClientRect().bottom })));
      for (const nva of ['nva1', 'nva2']) {
        const box = await frame
          .locator(`#diagram svg [data-node-id="nva:${nva}"] > .node-box`)
          .evaluate((r) => ({ left: r.getBoundingClientRect().left, top: r.getBoundingClientRect().top, right: r.getBoundingClientRect().right, bottom: r.getBoundingClientRect().bottom }))
          .catch(() => null);
        const around = box && frames.some((f) => f.left < box.left && f.top < box.top && f.right > box.right && f.bottom > box.bottom);
        if (!around) {
          throw new StepError(`expected a rect.trace-blocking drawn around ${nva}'s box ${JSON.stringify(box)}; frames: ${JSON.stringify(frames)}`);
        }
      }
      await waitFor(
        `the status line to read '${BROKEN_TRACE.status}'`,
        async () => (seen = await traceOverlay(frame)).status === BROKEN_TRACE.status,
        () => `status: '${seen.status}'`,
      );
    });
  });
}
