import type { Analysis, AnalysisSettings } from './workspace-analysis.js';
import { FailoverAnalysis, failureOf, forwardingWalk, type FailingElement, type FailoverReport, type FailureDetail } from '../whatif/index.js';

/**
 * Single failures of the current analysis, computed on demand and kept as long as that analysis
 * is (an edit makes a new one): the code lens asks for each NVA, gateway and route server, the
 * `azrs/failover` request for one of them again when the user opens the details.
 */
const cache = new WeakMap<Analysis, { failover: FailoverAnalysis; byElement: Map<object, FailureDetail> }>();

/** What taking `element` down alone does, against the analysis as written (see whatif/failover.ts). */
export function failureDetailOf(analysis: Analysis, settings: AnalysisSettings, element: FailingElement): FailureDetail {
    let entry = cache.get(analysis);
    if (!entry) {
        entry = {
            failover: new FailoverAnalysis({
                topology: analysis.built.topology, routing: analysis.routing, admission: analysis.admission,
                routesPerPeer: settings.routesPerPeer, flows: forwardingWalk()
            }),
            byElement: new Map()
        };
        cache.set(analysis, entry);
    }
    let detail = entry.byElement.get(element);
    if (!detail) {
        detail = entry.failover.tryFailure(failureOf(element));
        entry.byElement.set(element, detail);
    }
    return detail;
}

/** Whether the detail is ready without computing (the code lens shows those first). */
export function hasFailureDetail(analysis: Analysis, element: FailingElement): boolean {
    return cache.get(analysis)?.byElement.has(element) ?? false;
}

/** A one-failure report of `element`, as `azrs failover` would print it (for the details view). */
export function failureReportOf(analysis: Analysis, settings: AnalysisSettings, element: FailingElement): FailoverReport {
    const detail = failureDetailOf(analysis, settings, element);
    const failover = cache.get(analysis)!.failover;
    const base = failover.baseline();
    return {
        tried: 1,
        allComponents: element.kind === 'routeServer' || element.kind === 'gateway',
        failures: [detail],
        brokenWithoutFailure: [...base.intents].filter(([, holds]) => !holds).map(([name]) => name).sort(),
        pathsChecked: failover.pathsChecked
    };
}
