import type { LangiumSharedServices } from 'langium/lsp';
import { DocumentState } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { failureReportOf } from '../analysis/failover-cache.js';
import { formatFailoverMarkdown, type FailingElement } from '../whatif/index.js';

export const FAILOVER_REQUEST = 'azrs/failover';

export interface FailoverParams { element: string }
export interface FailoverResult { title: string; markdown: string }

/** `azrs/failover`: what taking one NVA, gateway or route server down breaks, as markdown (the code lens command). */
export function registerFailoverRequests(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(FAILOVER_REQUEST, async (params: FailoverParams): Promise<FailoverResult | null> => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences);
        const analysis = azrs.analysis.WorkspaceAnalysis.get();
        const el = analysis.built.topology.byName.get(params.element);
        if (el?.kind !== 'nva' && el?.kind !== 'gateway' && el?.kind !== 'routeServer') return null;
        const report = failureReportOf(analysis, azrs.analysis.WorkspaceAnalysis.getSettings(), el as FailingElement);
        return { title: `If ${el.name} fails`, markdown: formatFailoverMarkdown(report) };
    });
}
