// Helpers for the integration suite that runs inside the VS Code extension host
// (code-server via scripts/e2e/run.mjs, or desktop VS Code via scripts/e2e/test-electron.mjs).
import * as vscode from 'vscode';

/** Publisher.name of the extension under test (package.json at the repo root). */
export const EXTENSION_ID = 'azrs.azrs';
export const LANGUAGE_ID = 'azrs';

/** The sample the suite exercises; the runner copies it into a scratch workspace folder. */
export const BROKEN_SAMPLE = process.env.AZRS_E2E_SAMPLE ?? 'dual-homed-er-broken.azrs';

/** Default time to wait for an answer once the language server is up. */
export const DEFAULT_TIMEOUT_MS = Number(process.env.AZRS_E2E_TIMEOUT_MS ?? 15_000);
/** Time to wait for the first diagnostics (extension activation and language server start). */
export const COLD_START_TIMEOUT_MS = Math.max(DEFAULT_TIMEOUT_MS, 60_000);

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, then returns it.
 * On timeout, fails with what was expected and what `describeSeen` reports was there instead.
 */
export async function waitFor<T>(
  expected: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  describeSeen: () => string | Promise<string>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) break;
    await sleep(intervalMs);
  }
  let seen: string;
  try {
    seen = await describeSeen();
  } catch (err) {
    seen = `(could not describe: ${String(err)})`;
  }
  const errText = lastError ? `\n  last error: ${lastError instanceof Error ? lastError.stack ?? lastError.message : String(lastError)}` : '';
  throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s.\n  expected: ${expected}\n  seen:     ${seen}${errText}`);
}

/** Fails with `message` (which says what was expected and what was seen) unless `condition` holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The scratch workspace folder the runner opened. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('expected a workspace folder to be open (the runner passes ?folder=... or a folder argument); seen none');
  }
  return folder;
}

export function sampleUri(name = BROKEN_SAMPLE): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

/** Diagnostic.code is a string/number, or {value, target} when the server sends a codeDescription. */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];

export function describeDiagnostics(uri: vscode.Uri): string {
  const diags = vscode.languages.getDiagnostics(uri);
  if (diags.length === 0) return `no diagnostics for ${uri.path}`;
  return (
    `${diags.length} diagnostic(s):\n` +
    diags
      .map((d) => `      [${SEVERITY[d.severity]}] ${codeOf(d) || '(no code)'} @${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)
      .join('\n')
  );
}

/** Flattens whatever a hover provider returned into one string. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  if (!hovers) return '';
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c instanceof vscode.MarkdownString) parts.push(c.value);
      else if (c && typeof c === 'object' && 'value' in c) parts.push(String((c as { value: unknown }).value));
    }
  }
  return parts.join('\n---\n');
}

/** `vm <name>` declarations of a document, with the position of the name. */
export function vmNames(doc: vscode.TextDocument): { name: string; position: vscode.Position }[] {
  const out: { name: string; position: vscode.Position }[] = [];
  const text = doc.getText();
  const re = /(^|[\s{,])vm\s+([A-Za-z_][A-Za-z0-9_-]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const nameOffset = m.index + m[0].length - m[2].length;
    // Skip matches inside a line comment.
    const lineStart = text.lastIndexOf('\n', nameOffset) + 1;
    if (text.slice(lineStart, nameOffset).includes('//')) continue;
    out.push({ name: m[2], position: doc.positionAt(nameOffset + 1) });
  }
  return out;
}

export function truncate(s: string, max = 1500): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length - max} more characters)`;
}
