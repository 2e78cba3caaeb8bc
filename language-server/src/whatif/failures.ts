import type { Gateway, Nva, OnPremSite, RouteServer, SourceRef, Topology, VNet } from '../model/topology.js';

/**
 * The single failures `azrs failover` tries (docs/language.md §5). Route servers and gateways are
 * deployed by Azure as two instances (active/active behind one resource), so one of them failing
 * alone is not a single failure of the design: they are tried alone only on request
 * (`--all-components`); a hub's outage takes them with it.
 */

/** `kind` of a failure, as in the JSON of `azrs failover`. */
export type FailureKind = 'nva' | 'firewall' | 'connection' | 'hub' | 'routeServer' | 'gateway';

/** A firewall as the model may hold it (v2 grammar); only what a failure needs. */
export interface FailingFirewall {
    readonly kind: 'firewall';
    readonly name: string;
    readonly vnet: VNet;
    readonly source: SourceRef;
}

export type FailingElement = Nva | RouteServer | Gateway | FailingFirewall;

export interface FailedConnection {
    readonly gateway: Gateway;
    readonly site: OnPremSite;
}

export interface Failure {
    /** `nva2`, `ergw2->dc1`, `hub1`. */
    readonly name: string;
    readonly kind: FailureKind;
    /** Elements that go down together (a hub: its route servers, gateways, NVAs and firewall). */
    readonly elements: readonly FailingElement[];
    /** Gateway connections that go down (a failed gateway takes its own with it). */
    readonly connections: readonly FailedConnection[];
    /** Where the failed element is written: the code lens goes there. */
    readonly source: SourceRef;
}

export interface FailureOptions {
    /** Also try each route server and each gateway alone. */
    readonly allComponents?: boolean;
}

/** Firewalls of a VNet (v2). */
export function firewallsOf(vnet: VNet): readonly FailingFirewall[] {
    return vnet.firewalls ?? [];
}

/**
 * Every single failure of a topology, in a stable order: NVAs, firewalls, connections and hubs in
 * file order, then (with `allComponents`) route servers and gateways.
 */
export function enumerateFailures(topology: Topology, options: FailureOptions = {}): Failure[] {
    const out: Failure[] = [];
    for (const vnet of topology.vnets) {
        for (const nva of vnet.nvas) out.push({ name: nva.name, kind: 'nva', elements: [nva], connections: [], source: nva.source });
    }
    for (const vnet of topology.vnets) {
        for (const fw of firewallsOf(vnet)) out.push({ name: fw.name, kind: 'firewall', elements: [fw], connections: [], source: fw.source });
    }
    for (const vnet of topology.vnets) {
        for (const gw of vnet.gateways) {
            for (const site of new Set(gw.connections)) {
                out.push({ name: `${gw.name}->${site.name}`, kind: 'connection', elements: [], connections: [{ gateway: gw, site }], source: gw.source });
            }
        }
    }
    for (const vnet of topology.vnets) {
        if (vnet.role !== 'hub') continue;
        const elements: FailingElement[] = [...vnet.routeServers, ...vnet.gateways, ...vnet.nvas, ...firewallsOf(vnet)];
        if (elements.length === 0) continue;
        out.push({ name: vnet.name, kind: 'hub', elements, connections: [], source: vnet.source });
    }
    if (options.allComponents) {
        for (const vnet of topology.vnets) {
            for (const rs of vnet.routeServers) out.push({ name: rs.name, kind: 'routeServer', elements: [rs], connections: [], source: rs.source });
        }
        for (const vnet of topology.vnets) {
            for (const gw of vnet.gateways) out.push({ name: gw.name, kind: 'gateway', elements: [gw], connections: [], source: gw.source });
        }
    }
    return out;
}

/** The failure that takes down one element alone (for the code lens on a route server or gateway too). */
export function failureOf(element: FailingElement): Failure {
    return { name: element.name, kind: element.kind, elements: [element], connections: [], source: element.source };
}
