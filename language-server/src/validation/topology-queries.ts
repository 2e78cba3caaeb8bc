import type { Firewall, Gateway, Intent, Nva, OnPremSite, RouteServer, RouteTable, SourceRef, TopologyElement, Topology, VNet, Vm } from '../model/topology.js';

/** Small queries over the topology shared by the checks, the hovers and the CLI. */

export type NamedTopElement = OnPremSite | VNet | RouteServer | Gateway | Nva | Vm | RouteTable | Firewall | Intent;

/** Every element of the global namespace, in file order per kind. */
export function allNamed(topology: Topology): NamedTopElement[] {
    const out: NamedTopElement[] = [...topology.sites];
    for (const vnet of topology.vnets) {
        out.push(vnet, ...vnet.routeServers, ...vnet.gateways, ...vnet.nvas, ...vnet.vms, ...vnet.firewalls);
    }
    out.push(...topology.routeTables, ...topology.intents);
    return out;
}

export function compareSource(a: SourceRef, b: SourceRef): number {
    if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** `file.azrs:12` for messages. */
export function where(ref: SourceRef): string {
    const file = ref.uri.replace(/^.*\//, '');
    return `${decodeURIComponent(file)}:${ref.range.start.line + 1}`;
}

const KIND_WORDS: Record<string, string> = {
    onprem: 'onprem site', vnet: 'VNet', routeServer: 'route server', gateway: 'gateway', nva: 'NVA', vm: 'VM',
    routeTable: 'route table', subnet: 'subnet', route: 'route', peering: 'peering', bgp: 'BGP session',
    firewall: 'firewall', nic: 'NIC', intent: 'intent'
};

export function kindWord(el: TopologyElement): string {
    return KIND_WORDS[el.kind] ?? el.kind;
}

/** "the NVA 'fw1' in hub1" */
export function describe(el: TopologyElement): string {
    if (el.kind === 'vnet') return `the ${el.role === 'vnet' ? 'VNet' : el.role} '${el.name}'`;
    if (el.kind === 'subnet' || el.kind === 'routeServer' || el.kind === 'gateway' || el.kind === 'nva' || el.kind === 'vm' || el.kind === 'firewall') return `the ${kindWord(el)} '${el.name}' in ${el.vnet.name}`;
    if (el.kind === 'nic') return `the NIC '${el.owner.name}/${el.name}' in ${el.vnet.name}`;
    if ('name' in el) return `the ${kindWord(el)} '${el.name}'`;
    return `the ${kindWord(el)}`;
}

/** The range of an element's name, else the element. */
export function nameRef(el: { source: SourceRef; refs: Readonly<Record<string, { value: SourceRef } | undefined>> }): SourceRef {
    return el.refs.name?.value ?? el.source;
}

/** The range of a property's value, else the element. */
export function valueRef(el: { source: SourceRef; refs: Readonly<Record<string, { value: SourceRef } | undefined>> }, property: string): SourceRef {
    return el.refs[property]?.value ?? el.source;
}

/** The range of a whole `key: value` property, else the element. */
export function propertyRef(el: { source: SourceRef; refs: Readonly<Record<string, { whole: SourceRef } | undefined>> }, property: string): SourceRef {
    return el.refs[property]?.whole ?? el.source;
}

/** The range of the i-th item of a list property, else the property, else the element. */
export function itemRef(el: { source: SourceRef; refs: Readonly<Record<string, { items: readonly SourceRef[]; value: SourceRef } | undefined>> }, property: string, index: number): SourceRef {
    const ref = el.refs[property];
    return ref?.items[index] ?? ref?.value ?? el.source;
}
