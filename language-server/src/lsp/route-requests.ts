import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { waitForAnalysis } from './analysis-ready.js';
import { formatRouteTable } from '../routing/index.js';

export const EFFECTIVE_ROUTES_REQUEST = 'azrs/effectiveRoutes';

export interface EffectiveRoutesParams { vm: string }
export interface EffectiveRoutesResult { title: string; table: string }

/** `azrs/effectiveRoutes`: a VM's full table as text, for the code lens command. */
export function registerRouteRequests(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(EFFECTIVE_ROUTES_REQUEST, async (params: EffectiveRoutesParams, token: CancellationToken): Promise<EffectiveRoutesResult | null> => {
        await waitForAnalysis(shared, token);
        const analysis = azrs.analysis.WorkspaceAnalysis.get();
        const vm = analysis.built.topology.byName.get(params.vm);
        if (vm?.kind !== 'vm') return null;
        const subnet = vm.subnet;
        const where = subnet.implicit ? `${subnet.vnet.name} (default subnet)` : `${subnet.vnet.name}/${subnet.name}`;
        return {
            title: `Effective routes of ${vm.name} (${vm.ipText ?? 'no IP'}, ${where})`,
            table: formatRouteTable(analysis.routing.effectiveRoutes(subnet), 'text')
        };
    });
}
