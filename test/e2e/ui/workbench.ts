// Page helpers for driving the VS Code workbench (served by code-server) as a user would:
// keyboard shortcuts, the command palette, the mouse. Selectors are the workbench's own DOM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Default wait for something to appear once the workbench and the language server are up. */
export const DEFAULT_TIMEOUT_MS = Number(process.env.AZRS_E2E_TIMEOUT_MS ?? 20_000);
/** Wait for the first diagnostics or the first webview (activation, server start, first layout). */
export const COLD_START_TIMEOUT_MS = Math.max(DEFAULT_TIMEOUT_MS, 60_000);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, '');
/** Collapses a multi-line innerText into one line. */
export const oneLine = (s: string): string => s.replace(/\u00a0/g, ' ').replace(/\s*\n\s*/g, ' ').trim();

export class StepError extends Error {}

/** Polls `probe` until it yields a value; on timeout reports what was expected and what was seen. */
export async function waitFor<T>(
  expected: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  describeSeen: () => Promise<string> | string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  let seen: string;
  try {
    seen = await describeSeen();
  } catch (err) {
    seen = `(could not read the screen: ${String(err)})`;
  }
  const errText = lastError ? `\n  last error: ${lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)}` : '';
  throw new StepError(`Timed out after ${Math.round(timeoutMs / 1000)} s.\n  expected: ${expected}\n  seen:     ${seen}${errText}`);
}

export function clip(s: string, max = 1200): string {
  const t = s.replace(/\u00a0/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  return t.length <= max ? t : `${t.slice(0, max)}… (+${t.length - max} chars)`;
}

async function textOf(locator: Locator): Promise<string> {
  const n = await locator.count();
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(await locator.nth(i).innerText({ timeout: 2000 }));
  return parts.join('\n');
}

export class Workbench {
  constructor(
    readonly page: Page,
    readonly resultsDir: string,
  ) {}

  /** Shared by every Workbench of a run (the trace steps open a second window), so files never overwrite. */
  private static shotIndex = 0;

  /** Saves a full-page screenshot as NN-<name>.png in the results folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.resultsDir, `ui-${String(++Workbench.shotIndex).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
    return file;
  }

  /** What is on screen, as text, for failure messages and the .txt dump next to a failure screenshot. */
  async describeScreen(): Promise<string> {
    const sections: [string, string][] = [
      ['editor tabs', '.editor-group-container .tab'],
      ['notifications', '.notifications-toasts .notification-list-item'],
      ['quick input', '.quick-input-widget:visible .monaco-list-row'],
      ['hover', '.monaco-hover:visible'],
      ['problems', '.markers-panel .monaco-list-row'],
      ['webviews', 'iframe.webview'],
      ['status bar', '.statusbar .statusbar-item'],
    ];
    const out: string[] = [`url: ${this.page.url()}`];
    for (const [label, sel] of sections) {
      const loc = this.page.locator(sel);
      const n = await loc.count().catch(() => 0);
      if (n === 0) continue;
      if (label === 'webviews') {
        out.push(`${label}: ${n} webview iframe(s)`);
        continue;
      }
      const rows: string[] = [];
      for (let i = 0; i < Math.min(n, 20); i++) {
        const t = oneLine(await loc.nth(i).innerText({ timeout: 2000 }).catch(() => ''));
        if (t) rows.push(t);
      }
      if (rows.length) out.push(`${label}:${rows.map((r) => `\n  - ${clip(r, 300)}`).join('')}`);
    }
    return out.join('\n');
  }

  async saveFailure(step: string, error: unknown): Promise<{ png: string; txt: string }> {
    const base = path.join(this.resultsDir, `FAILED-${step.replace(/[^A-Za-z0-9_-]+/g, '-')}`);
    await this.page.screenshot({ path: `${base}.png`, timeout: 10_000 }).catch(() => undefined);
    let body = '';
    try {
      body = await this.page.locator('body').innerText({ timeout: 5000 });
    } catch {
      /* page gone */
    }
    fs.writeFileSync(
      `${base}.txt`,
      `step: ${step}\nerror: ${stripAnsi(error instanceof Error ? error.message : String(error))}\n\n${await this.describeScreen().catch(() => '')}\n\n--- page text ---\n${body}\n`,
    );
    return { png: `${base}.png`, txt: `${base}.txt` };
  }

  /** Loads the workbench and waits until it is interactive. */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitFor(
      'the VS Code workbench to render (.monaco-workbench with its status bar)',
      async () => (await this.page.locator('.monaco-workbench .part.statusbar').count()) > 0,
      async () => clip(await this.page.locator('body').innerText().catch(() => '(no body)')),
      60_000,
    );
    // Explorer shows the folder once the remote file system is up.
    await waitFor(
      'the explorer to list the workspace folder',
      async () => (await this.page.locator('.explorer-folders-view .monaco-list-row').count()) > 0,
      () => this.describeScreen(),
      60_000,
    );
  }

  /** Opens a file with Quick Open (Ctrl+P), as a user would. */
  async quickOpen(fileName: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(fileName);
    await waitFor(
      `Quick Open to list ${fileName}`,
      async () => (await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).count()) > 0,
      () => this.describeScreen(),
    );
    await this.page.keyboard.press('Enter');
    await waitFor(
      `an editor tab for ${fileName} to be active with the file's text rendered`,
      async () =>
        (await this.page.locator('.editor-group-container .tab.active', { hasText: fileName }).count()) > 0 &&
        (await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').count()) > 0,
      () => this.describeScreen(),
    );
  }

  async focusWorkbench(): Promise<void> {
    // Escape closes any leftover widget; clicking the status bar would trigger items, so do not.
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command from the command palette (F1), picking the row whose label contains `label`. */
  async runCommand(label: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label });
    await waitFor(
      `the command palette to offer "${label}"`,
      async () => (await row.count()) > 0,
      async () => `palette rows: ${clip(await textOf(this.page.locator('.quick-input-list .monaco-list-row')), 600) || '(none)'}`,
    );
    await row.first().click();
  }

  /** Shows the Problems panel (View: Focus Problems) and returns its text. */
  async showProblems(): Promise<void> {
    if ((await this.page.locator('.markers-panel:visible').count()) > 0) return;
    await this.runCommand('Problems: Focus on Problems View');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
  }

  problemRows(hasText?: string): Locator {
    return this.page.locator('.markers-panel .monaco-list-row', hasText ? { hasText } : undefined);
  }

  /** The Problems panel, one line per row (file rows and marker rows). */
  async problemsText(): Promise<string> {
    const rows = this.problemRows();
    const n = await rows.count();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(oneLine(await rows.nth(i).innerText({ timeout: 2000 }).catch(() => '')));
    return out.join('\n');
  }

  /** The active editor's visible lines, as text (non-breaking spaces normalised). */
  async visibleEditorLines(): Promise<string[]> {
    return this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines .view-line')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')));
  }

  /** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G, i.e. Quick Open ':'), revealing it. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * Screen rectangle of `word` on the rendered editor line whose text contains `lineIncludes`.
   * The caller makes the line visible first (goToLine).
   */
  async wordBox(lineIncludes: RegExp, word: string): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
    const source = lineIncludes.source;
    const flags = lineIncludes.flags;
    return this.page.evaluate(
      ({ source, flags, word }) => {
        const re = new RegExp(source, flags);
        const lines = Array.from(document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line'));
        for (const line of lines) {
          const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
          const m = re.exec(text);
          if (!m) continue;
          const start = m.index + m[0].lastIndexOf(word);
          // Map the character offset onto the line's text nodes.
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          let offset = 0;
          const range = document.createRange();
          let startSet = false;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const len = n.textContent?.length ?? 0;
            if (!startSet && start < offset + len) {
              range.setStart(n, start - offset);
              startSet = true;
            }
            if (startSet && start + word.length <= offset + len) {
              range.setEnd(n, start + word.length - offset);
              const r = range.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            }
            offset += len;
          }
        }
        return undefined;
      },
      { source, flags, word },
    );
  }

  /**
   * Moves the mouse over a word like a person would, and returns the hover widget's text once
   * `expect` accepts it. The word's position is measured again on every attempt: code lenses and
   * inlay hints that arrive late shift the lines under a mouse that stays put.
   */
  async hoverWord(lineIncludes: RegExp, word: string, expect: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const locate = () =>
      waitFor(
        `the word "${word}" on a visible editor line matching ${lineIncludes}`,
        () => this.wordBox(lineIncludes, word),
        async () => `visible lines:\n${(await this.visibleEditorLines()).join('\n')}`,
        10_000,
      );
    const hover = this.page.locator('.monaco-editor .monaco-hover:visible');
    let seen = '';
    let lastMove = 0;
    return waitFor(
      what,
      async () => {
        seen = await textOf(hover).catch(() => '');
        if (expect(seen)) return seen;
        // No (or a stale) hover: approach the word again from the side, at its current position.
        if (Date.now() - lastMove > 2000) {
          const box = await locate();
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          await this.page.mouse.move(x + 200, y + 60);
          await this.page.mouse.move(x, y, { steps: 5 });
          lastMove = Date.now();
        }
        return undefined;
      },
      () => `hover widget: ${seen ? clip(seen) : '(no hover visible)'}`,
      timeoutMs,
    );
  }

  /** The editor tab labels, e.g. 'Route flow: x.azrs (trace app-vm:dc1)' (set by the extension's panel). */
  async tabLabels(): Promise<string[]> {
    return (await this.page.locator('.editor-group-container .tab').allInnerTexts()).map(oneLine);
  }

  /** The webview's content frame (webview iframe -> active-frame). */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }
}
