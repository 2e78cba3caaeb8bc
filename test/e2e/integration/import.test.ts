// "azrs: Import Azure Network…" (azrs.importAzureNetwork) in the extension host: the command is
// given the picked files as its argument (no file dialog), sends azrs/import to the language server,
// writes into azrs-import/ of the workspace and opens the first file.
//
// The input is a real public template from the shared import corpus, copied into the workspace
// with its SOURCE.md and LICENSE by scripts/e2e/build.mjs (copyImportInput). Every expected value
// below was read from the CLI on the same input, which runs the same import code:
//   node out/cli/azrs.cjs import test/fixtures/import-corpus/fortinet-fortigate-ars/Active-Passive/azuredeploy{,.parameters}.json -o <dir>/azrs-import
//     azrs import: 23 resources read, 22 mapped, 7 skipped, 0 expressions unresolved, 2 gaps; 2 files written …
//   node out/cli/azrs.cjs check <dir>
//     azrs-import/TO-BE-DEFINED--VNET.azrs:16:13: warning route-server-subnet-too-small: …
//     azrs-import/TO-BE-DEFINED--VNET.azrs:20:3: info import-gap: Imported without what NVA 'TO-BE-DEFINED--FGT-A' advertises …
//     azrs-import/TO-BE-DEFINED--VNET.azrs:29:3: info import-gap: Imported without what NVA 'TO-BE-DEFINED--FGT-B' advertises …
// (the same three when the sample sits beside azrs-import/, as in this workspace).
import * as vscode from 'vscode';
import { COLD_START_TIMEOUT_MS, codeOf, describeDiagnostics, expect, sampleUri, waitFor, workspaceFolder } from './helpers.js';

const COMMAND = 'azrs.importAzureNetwork';

/** What the command returns: the message it showed and the files it wrote (extension/src/import-command.ts). */
interface ImportCommandOutcome {
    severity: 'info' | 'warning' | 'error';
    message: string;
    files: string[];
}

/** The corpus input's folder, relative to the workspace (set by run.mjs / test-electron.mjs from build.mjs). */
const IMPORT_INPUT = process.env.AZRS_E2E_IMPORT_INPUT ?? 'import-input/fortinet-fortigate-ars/Active-Passive';

const FIRST_FILE = 'TO-BE-DEFINED--VNET.azrs';
const SECOND_FILE = 'sites-and-sessions.azrs';
const REPORT_FILE = 'azrs-import-report.json';
const SUMMARY = '23 resources read, 22 mapped, 7 skipped, 0 expressions unresolved, 2 gaps';

/** `azrs check`'s diagnostics of FIRST_FILE: code, severity, 1-based line and column, and the text the line starts with. */
const EXPECTED_DIAGNOSTICS = [
    { code: 'route-server-subnet-too-small', severity: vscode.DiagnosticSeverity.Warning, line: 16, column: 13, lineText: 'subnet: 172.16.136.224/27' },
    { code: 'import-gap', severity: vscode.DiagnosticSeverity.Information, line: 20, column: 3, lineText: 'nva TO-BE-DEFINED--FGT-A {' },
    { code: 'import-gap', severity: vscode.DiagnosticSeverity.Information, line: 29, column: 3, lineText: 'nva TO-BE-DEFINED--FGT-B {' },
];

const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];
const describeDiag = (d: { code: string; severity: vscode.DiagnosticSeverity; line: number; column: number }) =>
    `${d.code} (${SEVERITY[d.severity]}) @${d.line}:${d.column}`;

async function listFolder(uri: vscode.Uri): Promise<string[] | undefined> {
    try {
        return (await vscode.workspace.fs.readDirectory(uri)).map(([name]) => name).sort();
    } catch {
        return undefined;
    }
}

/** Runs the command with the picked files as its argument, as the file dialog would give them; a throw is reported with the files. */
async function importPicked(picked: vscode.Uri[]): Promise<ImportCommandOutcome> {
    let outcome: ImportCommandOutcome | undefined;
    try {
        outcome = await vscode.commands.executeCommand<ImportCommandOutcome | undefined>(COMMAND, picked);
    } catch (err) {
        throw new Error(`expected ${COMMAND} on ${picked.map((u) => u.fsPath).join(', ')} to finish; it threw: ${err instanceof Error ? err.message : String(err)}`);
    }
    expect(outcome, `expected ${COMMAND} to return what it showed; it returned undefined (did it open a file dialog?)`);
    return outcome;
}

export function defineImportTests(): void {
    suite(`${COMMAND} on the FortiGate Active-Passive template (import corpus)`, () => {
        let ws: vscode.Uri;
        let outDir: vscode.Uri;
        let badInput: vscode.Uri;

        suiteSetup(async () => {
            ws = workspaceFolder().uri;
            outDir = vscode.Uri.joinPath(ws, 'azrs-import');
            badInput = vscode.Uri.joinPath(ws, 'not-azure.json');
            for (const f of ['azuredeploy.json', 'azuredeploy.parameters.json', '../SOURCE.md', '../LICENSE']) {
                const uri = vscode.Uri.joinPath(ws, IMPORT_INPUT, f);
                try {
                    await vscode.workspace.fs.stat(uri);
                } catch {
                    throw new Error(`expected the import input ${uri.fsPath} in the scratch workspace (copied by scripts/e2e/build.mjs copyImportInput); it is not there`);
                }
            }
            expect((await listFolder(outDir)) === undefined, `expected no ${outDir.fsPath} before the import; it exists`);
            // The command talks to the language server: start it (as the other suites do) by opening the sample.
            const sample = sampleUri();
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample), { preview: false });
            await waitFor(
                `diagnostics on ${sample.fsPath} (the language server is up)`,
                () => vscode.languages.getDiagnostics(sample).length > 0,
                () => describeDiagnostics(sample),
                COLD_START_TIMEOUT_MS,
            );
        });

        suiteTeardown(async () => {
            await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            await vscode.workspace.fs.delete(outDir, { recursive: true }).then(undefined, () => undefined);
            await vscode.workspace.fs.delete(badInput).then(undefined, () => undefined);
        });

        test('a JSON file from an unknown source: the error names the file, nothing is written, no editor opens', async () => {
            await vscode.workspace.fs.writeFile(badInput, new TextEncoder().encode(JSON.stringify({ name: 'my-app', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2)));
            const before = await listFolder(ws);
            const editorBefore = vscode.window.activeTextEditor?.document.uri.fsPath;

            const outcome = await importPicked([badInput]);

            const expected = `azrs import: ${badInput.fsPath}: $: cannot tell the format (an ARM template, az/Resource Graph output or terraform show -json)`;
            expect(
                outcome.severity === 'error' && outcome.message === expected,
                `expected the error message\n    ${expected}\n  seen (${outcome.severity})\n    ${outcome.message}`,
            );
            expect(outcome.files.length === 0, `expected no files from a failed import; seen ${outcome.files.join(', ')}`);
            // docs/language.md §5: an import writes nothing partial (no azrs-import/, no .azrs-import-* temporary folder).
            const after = await listFolder(ws);
            expect(
                JSON.stringify(after) === JSON.stringify(before),
                `expected the workspace unchanged by the failed import\n    before: ${before?.join(', ')}\n    after:  ${after?.join(', ')}`,
            );
            const editorAfter = vscode.window.activeTextEditor?.document.uri.fsPath;
            expect(editorAfter === editorBefore, `expected the active editor to stay on ${editorBefore}; seen ${editorAfter}`);
        });

        test('the template and its parameters file: two .azrs files and the report in azrs-import/, the first one opened with the server\'s diagnostics', async () => {
            const template = vscode.Uri.joinPath(ws, IMPORT_INPUT, 'azuredeploy.json');
            const parameters = vscode.Uri.joinPath(ws, IMPORT_INPUT, 'azuredeploy.parameters.json');

            const outcome = await importPicked([template, parameters]);

            const expectedMessage = `azrs import: 2 files in azrs-import/ (${SUMMARY})`;
            expect(
                outcome.severity === 'info' && outcome.message === expectedMessage,
                `expected the information message\n    ${expectedMessage}\n  seen (${outcome.severity})\n    ${outcome.message}`,
            );
            const firstPath = vscode.Uri.joinPath(outDir, FIRST_FILE).fsPath;
            const expectedFiles = [firstPath, vscode.Uri.joinPath(outDir, SECOND_FILE).fsPath];
            expect(
                JSON.stringify(outcome.files) === JSON.stringify(expectedFiles),
                `expected the written files ${expectedFiles.join(', ')}; the command answered ${outcome.files.join(', ') || '(none)'}`,
            );

            const written = await listFolder(outDir);
            const expectedListing = [FIRST_FILE, REPORT_FILE, SECOND_FILE].sort();
            expect(
                JSON.stringify(written) === JSON.stringify(expectedListing),
                `expected ${outDir.fsPath} to hold ${expectedListing.join(', ')}; it holds ${written?.join(', ') ?? '(no such folder)'}`,
            );
            const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(outDir, REPORT_FILE)))) as {
                gaps: { element: string }[];
            };
            const gapElements = report.gaps.map((g) => g.element);
            expect(
                JSON.stringify(gapElements) === JSON.stringify(['TO-BE-DEFINED--FGT-A', 'TO-BE-DEFINED--FGT-B']),
                `expected the report's gaps for TO-BE-DEFINED--FGT-A and -B; seen ${JSON.stringify(gapElements)}`,
            );

            const editor = vscode.window.activeTextEditor;
            expect(
                editor?.document.uri.fsPath === firstPath,
                `expected the first imported file ${firstPath} in the active editor; seen ${editor?.document.uri.fsPath ?? '(no active editor)'}`,
            );
            const doc = editor.document;
            expect(doc.languageId === 'azrs', `expected ${FIRST_FILE} to open as language 'azrs'; seen '${doc.languageId}'`);
            expect(doc.lineAt(1).text === 'hub TO-BE-DEFINED--VNET {', `expected line 2 of ${FIRST_FILE} to be 'hub TO-BE-DEFINED--VNET {'; seen '${doc.lineAt(1).text}'`);

            const wanted = EXPECTED_DIAGNOSTICS.map(describeDiag).sort();
            const seenOf = () =>
                vscode.languages
                    .getDiagnostics(doc.uri)
                    .map((d) => describeDiag({ code: codeOf(d), severity: d.severity, line: d.range.start.line + 1, column: d.range.start.character + 1 }))
                    .sort();
            await waitFor(
                `the diagnostics azrs check gives on ${FIRST_FILE}: ${wanted.join(', ')}`,
                () => JSON.stringify(seenOf()) === JSON.stringify(wanted),
                () => describeDiagnostics(doc.uri),
                COLD_START_TIMEOUT_MS,
            );
            for (const e of EXPECTED_DIAGNOSTICS) {
                const text = doc.lineAt(e.line - 1).text.trim();
                expect(text === e.lineText, `expected ${e.code} on line ${e.line}: '${e.lineText}'; the line is '${text}'`);
            }
            const gaps = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'import-gap');
            for (const [i, nva] of ['TO-BE-DEFINED--FGT-A', 'TO-BE-DEFINED--FGT-B'].entries()) {
                const g = gaps.find((d) => d.range.start.line + 1 === EXPECTED_DIAGNOSTICS[i + 1].line);
                expect(
                    g?.message.startsWith(`Imported without what NVA '${nva}' advertises`),
                    `expected the import-gap on line ${EXPECTED_DIAGNOSTICS[i + 1].line} to name NVA '${nva}'; seen: ${g?.message ?? '(none)'}`,
                );
            }
        });
    });
}
