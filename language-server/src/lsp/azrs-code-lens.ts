import type { LangiumDocument } from 'langium';
import { interruptAndCheck } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { VerifyAnalysis } from '../analysis/verify-analysis.js';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis.js';
import type { ElementVerification } from '../verify/index.js';
import { failureDetailOf } from '../analysis/failover-cache.js';
import { routeSummary } from '../analysis/route-text.js';
import * as ast from '../generated/ast.js';
import type { Gateway, Nva, RouteServer, Subnet } from '../model/topology.js';
import { modelNodes } from '../references/model-walk.js';
import type { RoutingResult } from '../routing/index.js';
import { effectSummary, type FailureDetail } from '../whatif/index.js';
import { SHOW_FAILURE_DIAGRAM } from './requests.js';

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
 * A lens over each VM, (v2) each firewall and each NVA NIC block: `12 routes · 0.0.0.0/0 via fw1 ·
 * 2 invalid`; it opens the full table. A lens over each NVA, gateway and route server: `if down: 2
 * intents broken, 40 VMs lose 10.2.13.0/25`; it opens the details. The failures are simulated on a
 * copy of the topology, one per element, with a cancellation check between them so that typing is
 * not held up. With `azrs.verify.actualDir`, a lens on each VM and NVA that Azure's outputs cover.
 */
export class AzrsCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analysis: WorkspaceAnalysis, private readonly verify?: VerifyAnalysis) {}

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const analysis = this.analysis.get();
        const lenses: CodeLens[] = [];
        const root = document.parseResult.value;
        for (const node of ast.isModel(root) ? modelNodes(root) : []) {
            // azrs verify: a second lens on each VM and NVA that Azure's outputs cover.
            const element = node.$cstNode && (ast.isVm(node) || ast.isNva(node)) ? analysis.built.elementOf.get(node) : undefined;
            const compared = element && this.verify ? this.verify.of(element) : [];
            if (compared.length) {
                lenses.push({
                    range: node.$cstNode!.range,
                    command: { title: verifyLensTitle(compared), command: SHOW_EFFECTIVE_ROUTES, arguments: [(element as { name: string }).name] }
                });
            }
            if ((ast.isNva(node) || ast.isGateway(node) || ast.isRouteServer(node)) && node.$cstNode) {
                const failed = analysis.built.elementOf.get(node) as Nva | Gateway | RouteServer | undefined;
                if (failed) {
                    let title: string;
                    if (analysis.built.topology.vnets.length > MAX_FAILOVER_LENS_VNETS) {
                        title = `${failed.kind === 'nva' ? 'if down' : 'if both instances fail'}: click to simulate`;
                    } else {
                        if (cancelToken) await interruptAndCheck(cancelToken);
                        title = failureLensTitle(failureDetailOf(analysis, this.analysis.getSettings(), failed), failed);
                    }
                    lenses.push({ range: node.$cstNode.range, command: { title, command: SHOW_FAILOVER, arguments: [failed.name] } });
                    // Issue 16: the diagram shows a chosen failure.
                    lenses.push({ range: node.$cstNode.range, command: { title: 'show in diagram', command: SHOW_FAILURE_DIAGRAM, arguments: [failed.name, document.uri.toString()] } });
                }
            }
            if (!(ast.isVm(node) || ast.isFirewall(node) || ast.isNic(node)) || !node.$cstNode) continue;
            const el = analysis.built.elementOf.get(node);
            const target = el?.kind === 'vm' || el?.kind === 'firewall' ? { name: el.name, subnet: el.subnet }
                : el?.kind === 'nic' ? { name: `${el.owner.name}/${el.name}`, subnet: el.subnet } : undefined;
            if (!target) continue;
            lenses.push({
                range: node.$cstNode.range,
                command: { title: vmLensTitle(analysis.routing, target), command: SHOW_EFFECTIVE_ROUTES, arguments: [target.name] }
            });
        }
        return lenses;
    }
}

export function vmLensTitle(routing: RoutingResult, vm: { readonly subnet: Subnet }): string {
    const rows = routing.effectiveRoutes(vm.subnet);
    const parts = [`${rows.length} route${rows.length === 1 ? '' : 's'}`];
    const def = rows.find(r => r.state === 'Active' && r.addressPrefix.length === 0);
    if (def) parts.push(routeSummary(def));
    const invalid = rows.filter(r => r.state === 'Invalid').length;
    if (invalid) parts.push(`${invalid} invalid`);
    return parts.join(' · ');
}

/**
 * `matches Azure: 14/14 routes`, or `3 differences from Azure (14 routes compared)`: the rows of
 * Azure's files for this element that azrs compared (not-modelled rows left out).
 */
export function verifyLensTitle(compared: readonly ElementVerification[]): string {
    const differences = compared.reduce((n, e) => n + e.differences.length, 0);
    const matched = compared.reduce((n, e) => n + e.matched, 0);
    const rows = compared.reduce((n, e) => n + e.rows.length, 0);
    const word = compared.every(e => e.kind === 'effective-routes') ? 'routes' : 'rows';
    return differences === 0
        ? `matches Azure: ${matched}/${rows} ${word}`
        : `${differences} difference${differences === 1 ? '' : 's'} from Azure (${matched}/${rows} ${word} match)`;
}

/** `if down: 2 intents broken, 40 VMs lose 10.2.13.0/25`; a route server or gateway: `if both instances fail: ...`. */
export function failureLensTitle(detail: FailureDetail, element: Nva | Gateway | RouteServer): string {
    const when = element.kind === 'nva' ? 'if down' : 'if both instances fail';
    return `${when}: ${effectSummary(detail)}`;
}
