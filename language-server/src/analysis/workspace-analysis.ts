import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { WorkspaceCache } from 'langium';
import type { BuiltTopology } from '../model/topology-builder.js';
import { buildTopology } from '../model/topology-builder.js';
import type { RoutingResult } from '../routing/index.js';
import { computeRouting } from '../routing/index.js';
import { admissionFrom } from '../validation/admission.js';
import type { Finding } from '../validation/finding.js';
import { runRoutingChecks, runTopologyChecks } from '../validation/topology-checks.js';

export interface AnalysisSettings {
    /** LIM-ROUTES-PER-PEER: default 1000 (the FAQ of 09/2025 says 4000). */
    routesPerPeer: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { routesPerPeer: 1000 };

/** Everything derived from the workspace's documents, computed once per build. */
export interface Analysis {
    readonly built: BuiltTopology;
    /** The route engine's result over the topology as Azure would accept it (SEMANTICS.md §1). */
    readonly routing: RoutingResult;
    /** Every finding of every check, across all documents. */
    readonly findings: readonly Finding[];
    /** Findings by document URI. */
    readonly findingsByUri: ReadonlyMap<string, readonly Finding[]>;
}

/**
 * Builds the topology of all `.azrs` documents of the workspace and runs the checks once per
 * workspace build: Langium's WorkspaceCache is cleared whenever a document changes, and every
 * validator, hover and diagram request of that build reads the same result.
 */
export class WorkspaceAnalysis {
    private readonly cache: WorkspaceCache<'analysis', Analysis>;
    private settings: AnalysisSettings = { ...DEFAULT_SETTINGS };

    constructor(private readonly shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    get(): Analysis {
        return this.cache.get('analysis', () => analyse(this.shared.workspace.LangiumDocuments.all.toArray(), this.settings));
    }

    getSettings(): AnalysisSettings {
        return this.settings;
    }

    /** Changes the settings; the caller revalidates open documents. */
    updateSettings(settings: Partial<AnalysisSettings>): boolean {
        const next = { ...this.settings, ...settings };
        if (next.routesPerPeer === this.settings.routesPerPeer) return false;
        this.settings = next;
        this.cache.clear();
        return true;
    }
}

export function analyse(documents: readonly LangiumDocument[], settings: AnalysisSettings): Analysis {
    const built = buildTopology(documents);
    // Configuration that Azure rejects does not exist in the simulation: the checks decide which
    // sessions are down and which peering flags count as false, then the engine runs once, and the
    // routing codes read its recorded reasons.
    const configFindings = runTopologyChecks(built.topology, settings);
    const admission = admissionFrom(built.topology, configFindings);
    const routing = computeRouting(built.topology, {
        routesPerPeer: settings.routesPerPeer,
        downSessions: admission.downSessions,
        ignoredFlags: admission.ignoredFlags
    });
    const findings = [...configFindings, ...runRoutingChecks(built.topology, routing, settings)];
    const findingsByUri = new Map<string, Finding[]>();
    for (const f of findings) {
        let list = findingsByUri.get(f.at.uri);
        if (!list) findingsByUri.set(f.at.uri, list = []);
        list.push(f);
    }
    return { built, routing, findings, findingsByUri };
}
