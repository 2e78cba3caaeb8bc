import type { PropertyRefs, Prefix, SourceRef, SpecialSubnetName, Subnet, VNet } from './topology.js';

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

/**
 * A subnet with no VMs, NICs or firewalls yet. Exported so that tests building topologies without
 * the parser (test/routing/build.ts) make them the same way.
 */
export function newSubnet(vnet: VNet, name: string, prefix: Prefix | undefined, source: SourceRef, refs: PropertyRefs,
    options: { implicit?: boolean; special?: SpecialSubnetName } = {}): Mutable<Subnet> {
    return {
        kind: 'subnet', name, vnet, prefix, routeTable: undefined, implicit: options.implicit ?? false, special: options.special,
        vms: [], nvas: [], nics: [], firewalls: [], source, refs
    };
}

