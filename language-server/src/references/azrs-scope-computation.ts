import type { AstNode, AstNodeDescription, LangiumDocument, LocalSymbols } from 'langium';
import { Cancellation, DefaultScopeComputation, MultiMap } from 'langium';
import type * as ast from '../generated/ast.js';
import { CANCELLATION_CHECK_EVERY, checkEvery } from './cancellation-check.js';
import { exportedNodes, qualifiedSubnets } from './model-walk.js';

/**
 * docs/language.md §2: VNets, sites, route servers, gateways, NVAs, VMs and route tables are unique
 * across the workspace and resolve globally, nested ones included; they all go to the global index.
 * Subnets go there as VNET/SUBNET, the name an intent gives them (v2). Routes and NICs are never
 * referenced by name, so nothing is kept in local scopes: Langium's
 * default would put every top-level element in the root's local scope and make linking quadratic.
 */
export class AzrsScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const model = document.parseResult.value as ast.Model;
        const out: AstNodeDescription[] = [];
        const check = checkEvery(CANCELLATION_CHECK_EVERY, cancelToken);
        for (const node of exportedNodes(model)) {
            await check();
            if (node.name) out.push(this.descriptions.createDescription(node, node.name, document));
        }
        // v2: an intent's end may name a subnet as VNET/SUBNET.
        for (const { node, name } of qualifiedSubnets(model)) {
            await check();
            out.push(this.descriptions.createDescription(node, name, document));
        }
        return out;
    }

    override async collectLocalSymbols(_document: LangiumDocument, _cancelToken?: Cancellation.CancellationToken): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
