import { formatAddress } from '../model/prefix.js';
import type { Prefix, VNet } from '../model/topology.js';
import type { ForwardingDevice, HopRoute } from './forwarding-types.js';
import type { EffectiveRoute, ReceivedRoute, RouteProvenance } from './types.js';

/**
 * The words of a trace: why a hop's route is there, and names for devices. Kept apart from the
 * walk so that the walk reads as the rules of docs/semantics.md §6.
 */

/** A device or VNet as a trace names it: the element's name, or the address for a bare address. */
export function deviceName(d: ForwardingDevice | VNet): string {
    return d.name;
}

/** `NVA 'nva1'`, `firewall 'azfw'`, `VM 'app-vm'`, `gateway 'ergw1'`, `site 'dc1'`, `VNet 'hub1'`, `address 10.1.2.3`. */
export function describe(d: ForwardingDevice | VNet): string {
    switch (d.kind) {
        case 'vm': return `VM '${d.name}'`;
        case 'nva': return `NVA '${d.name}'`;
        case 'firewall': return `firewall '${d.name}'`;
        case 'gateway': return `gateway '${d.name}'`;
        case 'onprem': return `site '${d.name}'`;
        case 'vnet': return `VNet '${d.name}'`;
        case 'address': return `address ${d.name} in VNet '${d.vnet.name}'`;
    }
}

const rowRoutes = new WeakMap<EffectiveRoute, HopRoute>();

/** A NIC row as a hop's route (one object per row: rows are shared by every subnet and trace). */
export function rowRoute(row: EffectiveRoute): HopRoute {
    let route = rowRoutes.get(row);
    if (!route) {
        route = { addressPrefix: row.addressPrefix.text, source: row.source, nextHopType: row.nextHopType, nextHopIpAddress: row.nextHopIpAddress, row };
        rowRoutes.set(row, route);
    }
    return route;
}

/** A route a gateway, site or NVA followed from its RIB or connections. */
export function learnedRoute(prefix: Prefix, source: string, nextHopType: string, ips: readonly number[], learned?: ReceivedRoute): HopRoute {
    return { addressPrefix: prefix.text, source, nextHopType, nextHopIpAddress: ips.map(formatAddress), learned };
}

const rowWhy = new WeakMap<EffectiveRoute, string>();
const learnedWhy = new WeakMap<ReceivedRoute, string>();

/** Why a NIC has this row: the VNet, the peering, the user route, or the session that taught it. Memoized: rows are shared. */
export function whyRow(row: EffectiveRoute): string {
    let why = rowWhy.get(row);
    if (why === undefined) rowWhy.set(row, why = whyProvenance(row.provenance, row.addressPrefix));
    return why;
}

function whyProvenance(p: RouteProvenance, prefix: Prefix): string {
    switch (p.kind) {
        case 'vnet-local': return `address space of VNet '${p.vnet.name}'`;
        case 'peering': return `peering '${p.peering.from.name} -> ${p.peering.to.name}'`;
        case 'internet': return 'system route to the internet';
        case 'reserved': return `system route: Azure drops ${prefix.text} unless a VNet range claims it`;
        case 'user': return `user route '${p.route.name}' of route table '${p.route.table.name}'`;
        case 'bgp': {
            const r = p.programmed.routes[0];
            const by = p.programmed.by.kind === 'routeServer' ? `route server '${p.programmed.by.name}'` : `gateway '${p.programmed.by.name}'`;
            return r ? `${by} learned it ${whyLearned(r)}` : `programmed by ${by}`;
        }
    }
}

/** `from 'nva1' over bgp:nva1<->rs0, AS path 65001 65001 12076 65021` */
export function whyLearned(r: ReceivedRoute): string {
    let why = learnedWhy.get(r);
    if (why === undefined) {
        const path = r.asPath.length > 0 ? `, AS path ${r.asPath.join(' ')}` : '';
        learnedWhy.set(r, why = `from '${r.from.name}' over ${r.session.id}${path}`);
    }
    return why;
}
