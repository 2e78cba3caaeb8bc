import type { ReferenceInfo } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * Every cross-reference of a model, element by element, as Langium's `streamReferences` reports
 * them. Langium finds references by visiting every property of every syntax-tree node; a landing
 * zone has tens of thousands of nodes and a few thousand references, all in the places listed
 * here (grammar/azrs.langium: a subnet's route table, a gateway's connections, a peering's two
 * VNets, a BGP session's two endpoints, a route's next-hop NVA). test/language/references.test.ts
 * checks the list against the grammar's reflection and Langium's own walk.
 */
export function modelReferences(model: ast.Model): ReferenceInfo[] {
    const out: ReferenceInfo[] = [];
    const add = (container: ast.Subnet | ast.Gateway | ast.Peering | ast.BgpSession | ast.Route, property: string, reference: ReferenceInfo['reference'] | undefined, index?: number) => {
        if (reference) out.push(index === undefined ? { reference, container, property } : { reference, container, property, index });
    };
    for (const el of model.elements) {
        switch (el.$type) {
            case ast.VNet.$type:
                for (const subnet of el.subnets) add(subnet, 'routeTable', subnet.routeTable);
                for (const gateway of el.gateways) gateway.connections.forEach((c, i) => add(gateway, 'connections', c, i));
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
        }
    }
    return out;
}
