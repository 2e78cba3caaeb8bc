import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';

/**
 * `azrs verify` in the editor: the setting `azrs.verify.actualDir` (empty: `azure-state/` beside the
 * `.azrs` files), a revalidation when it changes or when a file in the folder changes (Langium
 * watches the workspace's files), and a warning naming the file and line when the folder holds a
 * file azrs cannot read (the CLI exits 2 for the same).
 */
export function registerVerifyFeatures(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    const verify = azrs.analysis.VerifyAnalysis;
    verify.enable();
    const revalidate = () => {
        const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        void shared.workspace.DocumentBuilder.update(uris, []);
    };
    const apply = (section: unknown) => {
        const value = (section as { actualDir?: unknown } | undefined)?.actualDir;
        if (verify.setActualDir(typeof value === 'string' ? value : '')) revalidate();
    };
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'azrs') apply((update.configuration as { verify?: unknown } | undefined)?.verify);
    });
    void shared.workspace.ConfigurationProvider.ready.then(async () => {
        apply(await shared.workspace.ConfigurationProvider.getConfiguration('azrs', 'verify'));
    });
    shared.lsp.DocumentUpdateHandler?.onWatchedFilesChange(params => {
        const dir = verify.actualDir();
        const inside = (uri: string) => {
            const file = URI.parse(uri).fsPath;
            return dir !== undefined && (file === dir || file.startsWith(dir + path.sep));
        };
        // A folder that appears (or a file in one) can become the default `azure-state/`.
        if (params.changes.some(c => inside(c.uri) || URI.parse(c.uri).fsPath.split(path.sep).includes('azure-state'))) {
            verify.invalidate();
            revalidate();
        }
    });
    let shown: string | undefined;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        const error = verify.get().error;
        if (error && error !== shown) void connection.window.showWarningMessage(`azrs verify: ${error}`);
        if (error) connection.console.warn(`azrs verify: ${error}`);
        shown = error;
    });
}
