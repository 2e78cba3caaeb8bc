import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis.js';
import { routeSummary } from '../analysis/route-text.js';
import * as ast from '../generated/ast.js';
import type { Vm } from '../model/topology.js';
import { modelNodes } from '../references/model-walk.js';
import type { RoutingResult } from '../routing/index.js';

/** The command the client runs to open a VM's full table. */
export const SHOW_EFFECTIVE_ROUTES = 'azrs.showEffectiveRoutes';

/** A lens over each VM: `12 routes · 0.0.0.0/0 via fw1 · 2 invalid`; it opens the full table. */
export class AzrsCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analysis: WorkspaceAnalysis) {}

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const analysis = this.analysis.get();
        const lenses: CodeLens[] = [];
        const root = document.parseResult.value;
        for (const node of ast.isModel(root) ? modelNodes(root) : []) {
            if (!ast.isVm(node) || !node.$cstNode) continue;
            const vm = analysis.built.elementOf.get(node) as Vm | undefined;
            if (!vm) continue;
            lenses.push({
                range: node.$cstNode.range,
                command: { title: vmLensTitle(analysis.routing, vm), command: SHOW_EFFECTIVE_ROUTES, arguments: [vm.name] }
            });
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
