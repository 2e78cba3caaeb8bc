import type { Cancellation, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { interruptAndCheck, WorkspaceCache } from 'langium';
import type { BuiltTopology } from './topology-builder.js';
import { buildTopology } from './topology-builder.js';
import type { RoutingResult } from '../routing/index.js';
import type { Forwarding } from '../routing/forwarding.js';
import type { IntentResult } from '../routing/intents.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../routing/settings.js';
import type { Admission } from '../validation/admission.js';
import type { Finding } from '../validation/finding.js';
import { topologyAnalysisSteps } from '../validation/topology-analysis.js';

export { DEFAULT_SETTINGS, type AnalysisSettings } from '../routing/settings.js';

/** Everything derived from the workspace's documents, computed once per build. */
export interface Analysis {
    readonly built: BuiltTopology;
    /** The route engine's result over the topology as Azure would accept it (docs/semantics.md §1). */
    readonly routing: RoutingResult;
    /** The forwarding model over `routing` (docs/semantics.md §6): traces, intents, loops and asymmetry. */
    readonly forwarding: Forwarding;
    /** Every intent of the workspace, traced (docs/semantics.md §6.8), in file order. */
    readonly intents: readonly IntentResult[];
    /** Every finding of every check, across all documents. */
    readonly findings: readonly Finding[];
    /** Findings by document URI. */
    readonly findingsByUri: ReadonlyMap<string, readonly Finding[]>;
    /** What Azure admits of the configuration, as the engine took it (failure simulation reuses it). */
    readonly admission: Admission;
}

/**
 * Builds the topology of all `.azrs` documents of the workspace and runs the checks once per
 * workspace build: Langium's WorkspaceCache is cleared whenever a document changes, and every
 * validator, hover and diagram request of that build reads the same result.
 */
export class WorkspaceAnalysis {
    private readonly cache: WorkspaceCache<'analysis', AnalysisRun>;
    private settings: AnalysisSettings = { ...DEFAULT_SETTINGS };

    constructor(private readonly shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    /** The analysis of the current build, computed now if it is not yet. */
    get(): Analysis {
        return this.run().finish();
    }

    /**
     * The same, computed with a pause between its steps in which a newer edit can cancel it: the
     * validator awaits this, so that typing in a large file does not run the analysis of every
     * stale version to the end. A cancelled run is dropped with its build's cache.
     */
    getAsync(cancelToken: Cancellation.CancellationToken): Promise<Analysis> {
        return this.run().finishAsync(cancelToken);
    }

    private run(): AnalysisRun {
        return this.cache.get('analysis', () => new AnalysisRun(this.shared.workspace.LangiumDocuments.all.toArray(), this.settings));
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
    return new AnalysisRun(documents, settings).finish();
}

/**
 * One analysis, as steps that `get` runs at once and `getAsync` runs with a cancellation check
 * between them; both drive the same steps, so a synchronous request (a hover) during an
 * asynchronous run finishes that run instead of starting another.
 */
class AnalysisRun {
    private readonly steps: Generator<void, Analysis, void>;
    private result: Analysis | undefined;
    private failure: { error: unknown } | undefined;

    constructor(documents: readonly LangiumDocument[], settings: AnalysisSettings) {
        this.steps = analysisSteps(documents, settings);
    }

    finish(): Analysis {
        while (!this.result) this.step();
        return this.result;
    }

    async finishAsync(cancelToken: Cancellation.CancellationToken): Promise<Analysis> {
        while (!this.result) {
            await interruptAndCheck(cancelToken);
            if (!this.result) this.step();
        }
        return this.result;
    }

    private step(): void {
        if (this.failure) throw this.failure.error;
        try {
            const next = this.steps.next();
            if (next.done) this.result = next.value;
        } catch (error) {
            this.failure = { error };
            throw error;
        }
    }
}

function* analysisSteps(documents: readonly LangiumDocument[], settings: AnalysisSettings): Generator<void, Analysis, void> {
    const built = buildTopology(documents);
    yield;
    const { routing, forwarding, intents, findings, admission } = yield* topologyAnalysisSteps(built.topology, settings, { forwardingChecks: true });
    const findingsByUri = new Map<string, Finding[]>();
    for (const f of findings) {
        let list = findingsByUri.get(f.at.uri);
        if (!list) findingsByUri.set(f.at.uri, list = []);
        list.push(f);
    }
    return { built, routing, forwarding, intents, findings, findingsByUri, admission };
}
