import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { ResponseError } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { waitForAnalysis } from './analysis-ready.js';
import type { DiagramResponse } from '../diagram/index.js';
import { buildDiagram, diagramPrefixes, diagramResponse, failureDiagramResponse, layoutDiagram, normalisePrefix, routeFlowSource } from '../diagram/index.js';
import { withTrace } from '../diagram/trace-overlay.js';
import { DiagramViewError, failureNames, failureView, traceOf } from '../analysis/diagram-views.js';
import { DIAGRAM_REQUEST } from './requests.js';

export { DIAGRAM_REQUEST };

export interface DiagramParams {
    /** The document the panel follows; the diagram shows the whole workspace topology. */
    readonly uri: string;
    readonly prefix?: string;
    /** Trace mode (issue 15): the forward path and the reply of `FROM:TO` (as `azrs diagram --trace`) drawn over the topology. */
    readonly trace?: { readonly from: string; readonly to: string };
    /** Failure mode (issue 16): the topology under one failure of `azrs failover --all-components`, by its name. */
    readonly failure?: string;
}

/** The diagram response, with the failure picker's list (the names `azrs failover --all-components` tries). */
export interface DiagramRequestResponse extends DiagramResponse {
    readonly failures: readonly string[];
}

/**
 * `azrs/diagram`: the diagram model of the workspace's topology, laid out, with the findings marked
 * and, for a prefix, its route flow; or one traced flow over it (`trace`); or the topology under one
 * failure (`failure`, findings not marked). Answered from the current build's analysis.
 */
export function registerDiagramRequests(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(DIAGRAM_REQUEST, async (params: DiagramParams, token: CancellationToken): Promise<DiagramRequestResponse> => {
        await waitForAnalysis(shared, token);
        const analysis = azrs.analysis.WorkspaceAnalysis.get();
        let prefix: string | undefined;
        if (params.prefix) {
            const normal = normalisePrefix(params.prefix);
            if ('error' in normal) throw new ResponseError(-32602, normal.error);
            prefix = normal.prefix;
        }
        const failures = failureNames(analysis.built.topology);
        try {
            if (params.trace) {
                const { topology } = analysis.built;
                const trace = traceOf(analysis, params.trace.from.trim(), params.trace.to.trim());
                const model = withTrace(buildDiagram(topology, { routing: routeFlowSource(topology, analysis.routing), diagnostics: analysis.findings }), trace);
                return { model, layout: await layoutDiagram(model), prefixes: diagramPrefixes(topology, routeFlowSource(topology, analysis.routing)), failures };
            }
            if (params.failure) {
                // What if: as `azrs diagram --failure`; the base topology's findings do not apply to the derived one.
                const { topology, routing } = failureView(analysis, azrs.analysis.WorkspaceAnalysis.getSettings().routesPerPeer, params.failure);
                return { ...await failureDiagramResponse(analysis.built.topology, topology, routing, params.failure, prefix), failures };
            }
        } catch (e) {
            if (e instanceof DiagramViewError) throw new ResponseError(-32602, e.message.replace(/^--/, ''));
            throw e;
        }
        return { ...await diagramResponse(analysis.built.topology, analysis.routing, analysis.findings, prefix), failures };
    });
}
