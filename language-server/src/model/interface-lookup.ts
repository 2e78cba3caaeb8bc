import type { Subnet, Topology } from './topology.js';

/**
 * (v2) Finding a network interface or a subnet by the name a user gives it (`azrs routes --vm`,
 * `--subnet`, the code lens), docs/semantics.md §4: "every NIC has a table".
 */

/** A NIC whose effective routes can be shown: a VM's, one of an NVA's, a firewall's. */
export interface InterfaceMatch {
    /** `app1`, `fw1/trust`, `azfw`. */
    readonly label: string;
    readonly kind: 'vm' | 'nic' | 'firewall';
    readonly ipText: string | undefined;
    readonly subnet: Subnet;
}

/** Why a name gave no interface, in words for a message. */
export type InterfaceLookup = { readonly ok: true; readonly match: InterfaceMatch } | { readonly ok: false; readonly message: string };

const KIND_WORDS: Record<string, string> = {
    vm: 'a VM', firewall: 'a firewall', onprem: 'an onprem site', vnet: 'a VNet', routeServer: 'a route server', gateway: 'a gateway', routeTable: 'a route table', intent: 'an intent'
};

/**
 * `NAME` (a VM, an NVA's first NIC, a firewall) or `NVA/NIC` (one NIC of an NVA). An error
 * message names what the name is, or the NICs an NVA has.
 */
export function findInterface(topology: Topology, name: string): InterfaceLookup {
    const slash = name.indexOf('/');
    const head = slash < 0 ? name : name.slice(0, slash);
    const el = topology.byName.get(head);
    if (slash >= 0) {
        const nicName = name.slice(slash + 1);
        if (el?.kind !== 'nva') return { ok: false, message: el ? `'${head}' is ${KIND_WORDS[el.kind] ?? `a ${el.kind}`}, not an NVA: NVA/NIC names one NIC of an NVA` : `unknown NVA '${head}'` };
        const nic = el.nics.find(n => n.name === nicName);
        if (!nic) return { ok: false, message: `NVA '${head}' has no NIC '${nicName}' (it has: ${el.nics.map(n => n.name).join(', ')})` };
        return { ok: true, match: { label: `${el.name}/${nic.name}`, kind: 'nic', ipText: nic.ipText, subnet: nic.subnet } };
    }
    if (el?.kind === 'vm') return { ok: true, match: { label: el.name, kind: 'vm', ipText: el.ipText, subnet: el.subnet } };
    if (el?.kind === 'firewall') return { ok: true, match: { label: el.name, kind: 'firewall', ipText: el.ipText, subnet: el.subnet } };
    if (el?.kind === 'nva') {
        const first = el.nics[0];
        return { ok: true, match: { label: el.nics.length > 1 ? `${el.name}/${first.name}` : el.name, kind: 'nic', ipText: first.ipText, subnet: first.subnet } };
    }
    if (el) return { ok: false, message: `'${name}' is ${KIND_WORDS[el.kind] ?? `a ${el.kind}`}, not a VM or NVA, nor a firewall` };
    return { ok: false, message: `unknown VM '${name}'` };
}

/**
 * `VNET/SUBNET`: a declared subnet, `default` (the implicit default subnet), or (v2) a special
 * subnet: `GatewaySubnet` (the first gateway's that declares one) or `AzureFirewallSubnet`.
 */
export function findSubnetByPath(topology: Topology, path: string): { ok: true; subnet: Subnet } | { ok: false; message: string } {
    const slash = path.indexOf('/');
    if (slash < 0) return { ok: false, message: 'expected VNET/SUBNET, e.g. hub1/workload (or hub1/default for the implicit default subnet)' };
    const vnetName = path.slice(0, slash);
    const subnetName = path.slice(slash + 1);
    const vnet = topology.vnets.find(v => v.name === vnetName);
    if (!vnet) return { ok: false, message: `unknown VNet '${vnetName}'` };
    const special = subnetName === 'GatewaySubnet' ? (vnet.gateways.find(g => g.subnet) ?? vnet.gateways[0])?.gatewaySubnet
        : subnetName === 'AzureFirewallSubnet' ? vnet.firewalls[0]?.subnet : undefined;
    // A declared subnet of that name wins: it is the same subnet, written out (with its route table).
    const subnet = vnet.subnets.find(s => s.name === subnetName) ?? special ?? (subnetName === 'default' ? vnet.defaultSubnet : undefined);
    if (!subnet) {
        const names = [...vnet.subnets.map(s => s.name), ...(vnet.gateways.length ? ['GatewaySubnet'] : []), ...(vnet.firewalls.length ? ['AzureFirewallSubnet'] : []), 'default'];
        return { ok: false, message: `VNet '${vnetName}' has no subnet '${subnetName}' (it has: ${names.join(', ')})` };
    }
    return { ok: true, subnet };
}
