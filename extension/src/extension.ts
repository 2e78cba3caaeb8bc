import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { registerEffectiveRoutesCommand } from './effective-routes-command.js';

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
    for (const register of featureRegistrations) register(context, client);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

type FeatureRegistration = (context: vscode.ExtensionContext, client: LanguageClient) => void;
const featureRegistrations: FeatureRegistration[] = [];

/** Commands and panels built on the client register here. */
export function addFeature(register: FeatureRegistration): void {
    featureRegistrations.push(register);
}
