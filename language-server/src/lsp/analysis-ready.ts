import { DocumentState, isOperationCancelled } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Waits until azrs's own requests (`azrs/diagram`, `azrs/effectiveRoutes`) may read the workspace
 * analysis: the workspace build state `Validated`, because the validator computes each build's
 * analysis (cancellably, WorkspaceAnalysis.getAsync). An earlier state would answer a request that
 * arrives while a superseded build is still validating from that stale build, and make the request
 * compute the whole analysis itself, outside the validator's cancellation. Always the enum: the
 * numbers differ between Langium versions (3 is `ComputedScopes` in 4.4, not `IndexedReferences`).
 *
 * Rejects with `RequestCancelled` when the client cancels the request while it waits.
 */
export async function waitForAnalysis(shared: LangiumSharedServices, token: CancellationToken): Promise<void> {
    try {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
    } catch (error) {
        if (isOperationCancelled(error)) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
        throw error;
    }
}
