import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_REQUEST } from '../../language-server/src/lsp/requests.js';

type ImportResult = { ok: true; files: string[]; summary: string; report: string } | { ok: false; message: string };

/**
 * What the command told the user: the message it showed and the files it wrote (absolute paths,
 * the first one opened); `undefined` when the user cancelled the file dialog. Returned so that a
 * caller (test/e2e/integration/import.test.ts) can see the notification, which the API cannot read.
 */
export type ImportCommandOutcome = { severity: 'info' | 'warning' | 'error'; message: string; files: string[] };

/**
 * "azrs: Import Azure Network…": asks for ARM / az / Resource Graph JSON, Terraform state or .tf
 * files (a picked .yaml/.yml is the overlay), imports them in the server (`azrs/import`, the same
 * code as `azrs import`) into `azrs-import/` of the workspace and opens the first file.
 */
export function registerImportCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('azrs.importAzureNetwork', async (picked?: vscode.Uri[], target?: vscode.Uri): Promise<ImportCommandOutcome | undefined> => {
        const uris = picked ?? await vscode.window.showOpenDialog({
            canSelectMany: true,
            canSelectFiles: true,
            canSelectFolders: true,
            openLabel: 'Import',
            title: 'azrs: files to import (ARM or az JSON, terraform show -json, .tf; a .yaml overlay)',
            filters: { 'Azure network descriptions': ['json', 'tf', 'yaml', 'yml'], 'All files': ['*'] }
        });
        if (!uris || uris.length === 0) return undefined;
        const folder = target ?? vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!folder) return tell('error', 'azrs: open a folder first; the import is written into it.');
        const outDir = vscode.Uri.joinPath(folder, 'azrs-import');
        const overlay = uris.find(u => /\.ya?ml$/i.test(u.fsPath));
        const inputs = uris.filter(u => u !== overlay).map(u => u.fsPath);
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'azrs: importing…' },
            () => client.sendRequest<ImportResult>(IMPORT_REQUEST, { inputs, outDir: outDir.fsPath, overlay: overlay?.fsPath }));
        if (!result.ok) return tell('error', `azrs import: ${result.message}`);
        if (result.files.length === 0) return tell('warning', `azrs import: nothing to write (${result.summary}); see ${result.report}`);
        await vscode.window.showTextDocument(vscode.Uri.file(result.files[0]));
        return tell('info', `azrs import: ${result.files.length} files in azrs-import/ (${result.summary})`, result.files);
    }));
}

/** Shows the message (not awaited: a notification stays until dismissed) and returns what was shown. */
function tell(severity: ImportCommandOutcome['severity'], message: string, files: string[] = []): ImportCommandOutcome {
    if (severity === 'error') void vscode.window.showErrorMessage(message);
    else if (severity === 'warning') void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    return { severity, message, files };
}
