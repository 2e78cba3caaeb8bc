import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { AzrsServices } from '../azrs-module.js';
import { DEFAULT_ROUTES_PER_PEER } from '../routing/settings.js';
import { registerDiagramRequests } from './diagram-requests.js';
import { registerImportRequests } from './import-requests.js';
import { registerFailoverRequests } from './failover-requests.js';
import { registerRouteRequests } from './route-requests.js';
import { registerVerifyFeatures } from './verify-features.js';

/**
 * Server-side wiring beyond Langium's defaults: the `azrs.limits.routesPerPeer` setting (a change
 * revalidates every document) and azrs's custom requests.
 */
export function registerServerFeatures(shared: LangiumSharedServices, azrs: AzrsServices, connection: Connection): void {
    const analysis = azrs.analysis.WorkspaceAnalysis;
    const applyLimits = (limits: unknown) => {
        const value = (limits as { routesPerPeer?: unknown } | undefined)?.routesPerPeer;
        const routesPerPeer = typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : DEFAULT_ROUTES_PER_PEER;
        if (analysis.updateSettings({ routesPerPeer })) {
            const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
            void shared.workspace.DocumentBuilder.update(uris, []);
        }
    };
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'azrs') applyLimits((update.configuration as { limits?: unknown } | undefined)?.limits);
    });
    void shared.workspace.ConfigurationProvider.ready.then(async () => {
        applyLimits(await shared.workspace.ConfigurationProvider.getConfiguration('azrs', 'limits'));
    });
    registerRouteRequests(shared, azrs, connection);
    registerDiagramRequests(shared, azrs, connection);
    registerImportRequests(azrs, connection);
    registerVerifyFeatures(shared, azrs, connection);
    registerFailoverRequests(shared, azrs, connection);
}
