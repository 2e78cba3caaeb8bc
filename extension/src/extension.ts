import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { registerEffectiveRoutesCommand } from './effective-routes-command.js';
import { registerImportCommand } from './import-command.js';
import { registerRouteFlow } from './route-flow-command.js';
import { registerFailoverCommand } from './failover-command.js';

let client: LanguageClient | undefined;

/** Starts the azrs language server; the analysis lives there, the extension only hosts it. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('out', 'language-server', 'main.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'azrs' }, { scheme: 'untitled', language: 'azrs' }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.azrs'), configurationSection: 'azrs' }
    };
    client = new LanguageClient('azrs', 'azrs', serverOptions, clientOptions);
    await client.start();
    context.subscriptions.push(client);
    registerEffectiveRoutesCommand(context, client);
    registerRouteFlow(context, client);
    registerImportCommand(context, client);
    registerFailoverCommand(context, client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
