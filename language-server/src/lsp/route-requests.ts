import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { waitForAnalysis } from './analysis-ready.js';
import { findInterface } from '../model/interface-lookup.js';
import { formatRouteTable } from '../routing/index.js';
import { EFFECTIVE_ROUTES_REQUEST } from './requests.js';

export { EFFECTIVE_ROUTES_REQUEST };

/** `vm`: a VM, an NVA (`NVA/NIC` for one of its NICs) or a firewall (v2). */
export interface EffectiveRoutesParams { vm: string }
export interface EffectiveRoutesResult { title: string; table: string }

/** `azrs/effectiveRoutes`: a VM's (v2: or NIC's, or firewall's) full table as text, for the code lens command. */
export function registerRouteRequests(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    connection.onRequest(EFFECTIVE_ROUTES_REQUEST, async (params: EffectiveRoutesParams, token: CancellationToken): Promise<EffectiveRoutesResult | null> => {
        await waitForAnalysis(shared, token);
        const analysis = azrs.analysis.WorkspaceAnalysis.get();
        const found = findInterface(analysis.built.topology, params.vm);
        if (!found.ok) return null;
        const { subnet, label, ipText } = found.match;
        const where = subnet.implicit ? `${subnet.vnet.name} (default subnet)` : `${subnet.vnet.name}/${subnet.name}`;
        return {
            title: `Effective routes of ${label} (${ipText ?? 'no IP'}, ${where})`,
            table: formatRouteTable(analysis.routing.effectiveRoutes(subnet), 'text')
        };
    });
}
