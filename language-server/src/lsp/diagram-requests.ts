import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { ResponseError } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { waitForAnalysis } from './analysis-ready.js';
import type { DiagramResponse } from '../diagram/index.js';
import { diagramResponse, normalisePrefix } from '../diagram/index.js';
import { DIAGRAM_REQUEST } from './requests.js';

export { DIAGRAM_REQUEST };

export interface DiagramParams {
    /** The document the panel follows; the diagram shows the whole workspace topology. */
    readonly uri: string;
    readonly prefix?: string;
}

/**
 * `azrs/diagram`: the diagram model of the workspace's topology, laid out, with the findings marked
 * and, for a prefix, its route flow. Answered from the current build's analysis.
 */
export function registerDiagramRequests(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(DIAGRAM_REQUEST, async (params: DiagramParams, token: CancellationToken): Promise<DiagramResponse> => {
        await waitForAnalysis(shared, token);
        const analysis = azrs.analysis.WorkspaceAnalysis.get();
        let prefix: string | undefined;
        if (params.prefix) {
            const normal = normalisePrefix(params.prefix);
            if ('error' in normal) throw new ResponseError(-32602, normal.error);
            prefix = normal.prefix;
        }
        return diagramResponse(analysis.built.topology, analysis.routing, analysis.findings, prefix);
    });
}
