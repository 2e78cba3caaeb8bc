import type { LangiumDocument } from 'langium';
import { interruptAndCheck } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis.js';
import { failureDetailOf } from '../analysis/failover-cache.js';
import { routeSummary } from '../analysis/route-text.js';
import * as ast from '../generated/ast.js';
import type { Gateway, Nva, RouteServer, Vm } from '../model/topology.js';
import { modelNodes } from '../references/model-walk.js';
import type { RoutingResult } from '../routing/index.js';
import { effectSummary, type FailureDetail } from '../whatif/index.js';

/** The command the client runs to open a VM's full table. */
export const SHOW_EFFECTIVE_ROUTES = 'azrs.showEffectiveRoutes';
/** The command the client runs to open what one element's failure breaks. */
export const SHOW_FAILOVER = 'azrs.showFailover';
/**
 * Above this many VNets the failure lenses are not simulated on every edit (at 1000 spokes each
 * failure costs a route computation, a few hundred ms): they offer the details on a click instead.
 */
export const MAX_FAILOVER_LENS_VNETS = 300;

/**
 * A lens over each VM: `12 routes · 0.0.0.0/0 via fw1 · 2 invalid`; it opens the full table. A
 * lens over each NVA, gateway and route server: `if down: 2 intents broken, 40 VMs lose
 * 10.2.13.0/25`; it opens the details. The failures are simulated on a copy of the topology,
 * one per element, with a cancellation check between them so that typing is not held up.
 */
export class AzrsCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analysis: WorkspaceAnalysis) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const analysis = this.analysis.get();
        const lenses: CodeLens[] = [];
        const root = document.parseResult.value;
        for (const node of ast.isModel(root) ? modelNodes(root) : []) {
            if (!node.$cstNode) continue;
            if (ast.isVm(node)) {
                const vm = analysis.built.elementOf.get(node) as Vm | undefined;
                if (!vm) continue;
                lenses.push({
                    range: node.$cstNode.range,
                    command: { title: vmLensTitle(analysis.routing, vm), command: SHOW_EFFECTIVE_ROUTES, arguments: [vm.name] }
                });
            } else if (ast.isNva(node) || ast.isGateway(node) || ast.isRouteServer(node)) {
                const element = analysis.built.elementOf.get(node) as Nva | Gateway | RouteServer | undefined;
                if (!element) continue;
                let title: string;
                if (analysis.built.topology.vnets.length > MAX_FAILOVER_LENS_VNETS) {
                    title = `${element.kind === 'nva' ? 'if down' : 'if both instances fail'}: click to simulate`;
                } else {
                    if (cancelToken) await interruptAndCheck(cancelToken);
                    title = failureLensTitle(failureDetailOf(analysis, this.analysis.getSettings(), element), element);
                }
                lenses.push({ range: node.$cstNode.range, command: { title, command: SHOW_FAILOVER, arguments: [element.name] } });
            }
        }
        return lenses;
    }
}

export function vmLensTitle(routing: RoutingResult, vm: Vm): string {
    const rows = routing.effectiveRoutes(vm.subnet);
    const parts = [`${rows.length} route${rows.length === 1 ? '' : 's'}`];
    const def = rows.find(r => r.state === 'Active' && r.addressPrefix.length === 0);
    if (def) parts.push(routeSummary(def));
    const invalid = rows.filter(r => r.state === 'Invalid').length;
    if (invalid) parts.push(`${invalid} invalid`);
    return parts.join(' · ');
}

/** `if down: 2 intents broken, 40 VMs lose 10.2.13.0/25`; a route server or gateway: `if both instances fail: ...`. */
export function failureLensTitle(detail: FailureDetail, element: Nva | Gateway | RouteServer): string {
    const when = element.kind === 'nva' ? 'if down' : 'if both instances fail';
    return `${when}: ${effectSummary(detail)}`;
}
