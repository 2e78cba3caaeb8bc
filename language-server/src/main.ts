import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createAzrsServices } from './azrs-module.js';
import { registerServerFeatures } from './lsp/server-features.js';

/** Starts the azrs language server on the transport given on the command line (`--stdio`, `--node-ipc`). */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Azrs } = createAzrsServices({ connection, ...NodeFileSystem });
    registerServerFeatures(shared, Azrs, connection);
    startLanguageServer(shared);
}
