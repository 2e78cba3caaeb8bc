import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EFFECTIVE_ROUTES_REQUEST } from '../../language-server/src/lsp/requests.js';

/** Opens a VM's full effective route table (the code lens over each VM runs this). */
export function registerEffectiveRoutesCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('azrs.showEffectiveRoutes', async (vm: string) => {
        const result = await client.sendRequest<{ title: string; table: string } | null>(EFFECTIVE_ROUTES_REQUEST, { vm });
        if (!result) {
            void vscode.window.showWarningMessage(`azrs: no VM named '${vm}' in the workspace.`);
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${result.title}\n\n${result.table}\n` });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }));
}
