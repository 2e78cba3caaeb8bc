import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiagramResult, GetDiagramModel } from './route-flow-panel.js';
import { RouteFlowPanel } from './route-flow-panel.js';
import { DIAGRAM_REQUEST, SHOW_FAILURE_DIAGRAM } from '../../language-server/src/lsp/requests.js';

/**
 * "azrs: Show Route Flow": opens the diagram beside the editor. The model comes from the server's
 * `azrs/diagram` request; the panel refreshes (debounced) whenever the server has published new
 * diagnostics for an `.azrs` document, that is, after each validation.
 */
export function registerRouteFlow(context: vscode.ExtensionContext, client: LanguageClient): void {
    const getModel: GetDiagramModel = (uri, view) => {
        const [from, to] = view.trace?.split(':').map(s => s.trim()) ?? [];
        return client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, {
            uri, ...(view.prefix ? { prefix: view.prefix } : {}), ...(from && to ? { trace: { from, to } } : {}), ...(view.failure ? { failure: view.failure } : {})
        });
    };
    context.subscriptions.push(
        RouteFlowPanel.registerSerializer(context.extensionUri, getModel),
        vscode.commands.registerCommand('azrs.showRouteFlow', (resource?: vscode.Uri) => {
            const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
            if (!uri) {
                void vscode.window.showInformationMessage('azrs: open an .azrs file to show its route flow.');
                return;
            }
            RouteFlowPanel.createOrShow(context.extensionUri, uri, getModel);
        }),
        // Failure mode (issue 16): the failure lens's second action opens the diagram on that failure.
        vscode.commands.registerCommand(SHOW_FAILURE_DIAGRAM, (failure: string, resource?: string) => {
            const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
            if (!uri) return;
            RouteFlowPanel.showFailure(context.extensionUri, uri, getModel, failure);
        }),
        vscode.languages.onDidChangeDiagnostics(event => {
            const panel = RouteFlowPanel.currentPanel;
            if (panel && event.uris.some(u => u.path.endsWith('.azrs'))) panel.refresh();
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            const panel = RouteFlowPanel.currentPanel;
            if (panel && editor?.document.languageId === 'azrs') panel.setDocument(editor.document.uri.toString());
        })
    );
}
