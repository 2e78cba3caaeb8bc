import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_REQUEST } from '../../language-server/src/lsp/requests.js';

type ImportResult = { ok: true; files: string[]; summary: string; report: string } | { ok: false; message: string };

/**
 * "azrs: Import Azure Network…": asks for ARM / az / Resource Graph JSON, Terraform state or .tf
 * files (a picked .yaml/.yml is the overlay), imports them in the server (`azrs/import`, the same
 * code as `azrs import`) into `azrs-import/` of the workspace and opens the first file.
 */
export function registerImportCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('azrs.importAzureNetwork', async (picked?: vscode.Uri[], target?: vscode.Uri) => {
        const uris = picked ?? await vscode.window.showOpenDialog({
            canSelectMany: true,
            canSelectFiles: true,
            canSelectFolders: true,
            openLabel: 'Import',
            title: 'azrs: files to import (ARM or az JSON, terraform show -json, .tf; a .yaml overlay)',
            filters: { 'Azure network descriptions': ['json', 'tf', 'yaml', 'yml'], 'All files': ['*'] }
        });
        if (!uris || uris.length === 0) return;
        const folder = target ?? vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!folder) {
            void vscode.window.showErrorMessage('azrs: open a folder first; the import is written into it.');
            return;
        }
        const outDir = vscode.Uri.joinPath(folder, 'azrs-import');
        const overlay = uris.find(u => /\.ya?ml$/i.test(u.fsPath));
        const inputs = uris.filter(u => u !== overlay).map(u => u.fsPath);
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'azrs: importing…' },
            () => client.sendRequest<ImportResult>(IMPORT_REQUEST, { inputs, outDir: outDir.fsPath, overlay: overlay?.fsPath }));
        if (!result.ok) {
            void vscode.window.showErrorMessage(`azrs import: ${result.message}`);
            return;
        }
        if (result.files.length === 0) {
            void vscode.window.showWarningMessage(`azrs import: nothing to write (${result.summary}); see ${result.report}`);
            return;
        }
        await vscode.window.showTextDocument(vscode.Uri.file(result.files[0]));
        void vscode.window.showInformationMessage(`azrs import: ${result.files.length} files in azrs-import/ (${result.summary})`);
    }));
}
