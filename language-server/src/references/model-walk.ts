import type { AstNode, ReferenceInfo } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * Walks of a model that know where its nodes and references are (grammar/azrs.langium) instead of
 * visiting every property of every node as Langium's generic `streamAst` and `streamReferences`
 * do: a landing zone has tens of thousands of nodes, and these walks run on every keystroke.
 * test/language/model-walk.test.ts checks them against the grammar's reflection and Langium's walks.
 */

/** Every node of a model, the model first, each element before its children, in document order per kind. */
export function modelNodes(model: ast.Model): AstNode[] {
    const out: AstNode[] = [model];
    for (const el of model.elements) {
        out.push(el);
        if (ast.isVNet(el)) {
            for (const child of el.subnets) out.push(child);
            for (const child of el.routeServers) out.push(child);
            for (const child of el.gateways) out.push(child);
            for (const child of el.nvas) {
                out.push(child);
                for (const nic of child.nics) out.push(nic);
            }
            for (const child of el.vms) out.push(child);
            for (const child of el.firewalls) out.push(child);
        } else if (ast.isRouteTable(el)) {
            for (const route of el.routes) out.push(route);
        }
    }
    return out;
}

/**
 * The nodes whose names resolve across the workspace (docs/language.md §2): every named one but
 * subnets, routes and NICs, whose names are unique only within their VNet, route table or NVA.
 */
export type ExportedNode = ast.OnPrem | ast.VNet | ast.RouteServer | ast.Gateway | ast.Nva | ast.Vm | ast.RouteTable | ast.Firewall | ast.Intent;

export function exportedNodes(model: ast.Model): ExportedNode[] {
    return modelNodes(model).filter((n): n is ExportedNode =>
        ast.isOnPrem(n) || ast.isVNet(n) || ast.isRouteServer(n) || ast.isGateway(n) || ast.isNva(n) || ast.isVm(n) || ast.isRouteTable(n)
        || ast.isFirewall(n) || ast.isIntent(n));
}

/**
 * (v2) The subnets of a model with the name an intent's end gives them, `VNET/SUBNET`: their own
 * names are unique only within their VNet.
 */
export function qualifiedSubnets(model: ast.Model): Array<{ node: ast.Subnet; name: string }> {
    const out: Array<{ node: ast.Subnet; name: string }> = [];
    for (const el of model.elements) {
        if (!ast.isVNet(el) || !el.name) continue;
        for (const subnet of el.subnets) if (subnet.name) out.push({ node: subnet, name: qualifiedSubnetName(el.name, subnet.name) });
    }
    return out;
}

/** How an intent names a subnet: `VNET/SUBNET`. */
export function qualifiedSubnetName(vnet: string, subnet: string): string {
    return `${vnet}/${subnet}`;
}

/**
 * Every cross-reference of a model, element by element, as Langium's `streamReferences` reports
 * them: a subnet's route table, a gateway's connections, a peering's two VNets, a BGP session's two
 * endpoints, a route's next-hop NVA.
 */
export function modelReferences(model: ast.Model): ReferenceInfo[] {
    const out: ReferenceInfo[] = [];
    const add = (container: ast.Subnet | ast.Gateway | ast.Peering | ast.BgpSession | ast.Route | ast.Intent, property: string, reference: ReferenceInfo['reference'] | undefined, index?: number) => {
        if (reference) out.push(index === undefined ? { reference, container, property } : { reference, container, property, index });
    };
    for (const el of model.elements) {
        switch (el.$type) {
            case ast.VNet.$type:
                for (const subnet of el.subnets) add(subnet, 'routeTable', subnet.routeTable);
                for (const gateway of el.gateways) {
                    gateway.connections.forEach((c, i) => add(gateway, 'connections', c, i));
                    add(gateway, 'routeTable', gateway.routeTable);
                }
                break;
            case ast.Peering.$type:
                add(el, 'from', el.from);
                add(el, 'to', el.to);
                break;
            case ast.BgpSession.$type:
                add(el, 'left', el.left);
                add(el, 'right', el.right);
                break;
            case ast.RouteTable.$type:
                for (const route of el.routes) add(route, 'nextHop', route.nextHop);
                break;
            case ast.Intent.$type:
                add(el, 'from', el.from);
                add(el, 'to', el.to);
                el.via.forEach((v, i) => add(el, 'via', v, i));
                break;
        }
    }
    return out;
}
