import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Opens what one NVA's, gateway's or route server's failure breaks (the code lens over each runs this). */
export function registerFailoverCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('azrs.showFailover', async (element: string) => {
        const result = await client.sendRequest<{ title: string; markdown: string } | null>('azrs/failover', { element });
        if (!result) {
            void vscode.window.showWarningMessage(`azrs: no NVA, gateway or route server named '${element}' in the workspace.`);
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }));
}
