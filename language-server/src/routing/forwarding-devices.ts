import { containsAddress, formatAddress } from '../model/prefix.js';
import type { Gateway, OnPremSite, Peering, Prefix, Subnet, Topology, VNet, Vm } from '../model/topology.js';
import type { AddressEnd, Appliance, ForwardingDevice } from './forwarding-types.js';
import { PrefixIndex } from './prefix-index.js';

/**
 * Who owns which address, which peering joins two VNets, which gateways connect a site: the
 * lookups the forwarding walk (docs/semantics.md §6) makes at every hop, indexed once per topology.
 */
export class AddressBook {
    /** VM, NVA NIC and firewall addresses, per VNet (VNets that are not peered may reuse addresses). */
    private readonly owners = new Map<VNet, Map<number, Vm | Appliance>>();
    /** NVAs by each NIC's IP and by their `nextHop` (a load balancer in front of them counts as the NVA, §6.1); firewalls by IP. */
    private readonly forwarders = new Map<number, Appliance[]>();
    private readonly peerings = new Map<VNet, Map<VNet, Peering>>();
    private readonly connecting = new Map<OnPremSite, Gateway[]>();
    private readonly ends = new Map<string, AddressEnd>();
    private readonly peeringLists = new Map<VNet, Peering[]>();
    private readonly systemIndexes = new Map<VNet, PrefixIndex<VNet>>();
    private readonly siteIndexes = new Map<OnPremSite, PrefixIndex<true>>();

    constructor(topology: Topology) {
        for (const vnet of topology.vnets) {
            const map = new Map<number, Vm | Appliance>();
            const forwarder = (ip: number | undefined, device: Appliance) => {
                if (ip === undefined) return;
                const list = this.forwarders.get(ip) ?? [];
                if (!list.includes(device)) list.push(device);
                this.forwarders.set(ip, list);
            };
            for (const nva of vnet.nvas) {
                for (const nic of nva.nics) {
                    if (nic.ip !== undefined && !map.has(nic.ip)) map.set(nic.ip, nva);
                    forwarder(nic.ip, nva);
                }
                forwarder(nva.nextHop, nva);
            }
            for (const fw of vnet.firewalls) {
                if (fw.ip !== undefined && !map.has(fw.ip)) map.set(fw.ip, fw);
                forwarder(fw.ip, fw);
            }
            for (const vm of vnet.vms) if (vm.ip !== undefined && !map.has(vm.ip)) map.set(vm.ip, vm);
            this.owners.set(vnet, map);
            for (const gw of vnet.gateways) {
                for (const site of gw.connections) {
                    const list = this.connecting.get(site) ?? [];
                    list.push(gw);
                    this.connecting.set(site, list);
                }
            }
        }
        for (const list of this.connecting.values()) list.sort(byName);
        // Of two peerings between the same VNets the first in file order counts, as in the builder.
        for (const p of [...topology.peerings].sort((a, b) => a.index - b.index)) {
            let map = this.peerings.get(p.from);
            if (!map) this.peerings.set(p.from, map = new Map());
            if (!map.has(p.to)) map.set(p.to, p);
        }
    }

    /** Whether a packet for `address` has arrived: the device's own IP, an address of the site's prefixes. */
    owns(device: ForwardingDevice, address: number): boolean {
        switch (device.kind) {
            case 'vm': case 'firewall': return device.ip === address;
            case 'nva': return device.nics.some(n => n.ip === address);
            case 'onprem': return this.sitePrefixes(device).longestMatch(address) !== undefined;
            case 'address': return device.address === address;
            case 'gateway': return false;
        }
    }

    /** A site's prefixes, indexed: a landing zone's site has a thousand, and every reply starts at one. */
    private sitePrefixes(site: OnPremSite): PrefixIndex<true> {
        let index = this.siteIndexes.get(site);
        if (!index) {
            index = new PrefixIndex<true>();
            for (const p of site.prefixes) index.add(p, true);
            this.siteIndexes.set(site, index);
        }
        return index;
    }

    /** The VM, NVA or firewall of `vnet` with this address. */
    ownerIn(vnet: VNet, address: number): Vm | Appliance | undefined {
        return this.owners.get(vnet)?.get(address);
    }

    /** The same address object every time, so that a trace's end can be compared and started from. */
    addressEnd(vnet: VNet, address: number): AddressEnd {
        const key = `${vnet.name}\u0000${address}`;
        let end = this.ends.get(key);
        if (!end) {
            const subnet: Subnet = vnet.subnets.find(s => s.prefix && containsAddress(s.prefix, address)) ?? vnet.defaultSubnet;
            end = { kind: 'address', name: formatAddress(address), address, vnet, subnet };
            this.ends.set(key, end);
        }
        return end;
    }

    /**
     * The NVA or firewall a next hop IP belongs to (a NIC's IP or the NVA's `nextHop`): one in
     * `from` first, then one in a VNet peered with it, then any.
     */
    forwarderAt(ip: number, from: VNet): Appliance | undefined {
        const list = this.forwarders.get(ip);
        if (!list) return undefined;
        return list.find(n => n.vnet === from)
            ?? list.find(n => this.peering(from, n.vnet)?.state === 'Connected')
            ?? list[0];
    }

    /** The peering `from -> to` (the first in file order), Connected or not. */
    peering(from: VNet, to: VNet): Peering | undefined {
        return this.peerings.get(from)?.get(to);
    }

    /** Every peering from `vnet`, one per remote VNet. */
    peeringsFrom(vnet: VNet): readonly Peering[] {
        let list = this.peeringLists.get(vnet);
        if (!list) this.peeringLists.set(vnet, list = [...(this.peerings.get(vnet)?.values() ?? [])]);
        return list;
    }

    /** Gateways whose `connections` list the site, sorted by name. */
    gatewaysConnecting(site: OnPremSite): readonly Gateway[] {
        return this.connecting.get(site) ?? [];
    }

    /** The longest of a VNet's ranges and its Connected peers' ranges that holds the address (a gateway's system routes, §6.4). */
    systemRange(vnet: VNet, address: number): { prefix: Prefix; vnet: VNet } | undefined {
        let index = this.systemIndexes.get(vnet);
        if (!index) {
            index = new PrefixIndex<VNet>();
            // The VNet's own ranges first: on an overlap (an error) they win, as VnetLocal does.
            for (const range of vnet.addressSpace) index.add(range, vnet);
            for (const p of this.peeringsFrom(vnet)) if (p.state === 'Connected') for (const range of p.to.addressSpace) index.add(range, p.to);
            this.systemIndexes.set(vnet, index);
        }
        const hit = index.longestMatch(address);
        return hit ? { prefix: hit.prefix, vnet: hit.value } : undefined;
    }
}

/** The first usable address of a prefix (the network address + 1; the network itself for /31 and /32). */
export function firstUsable(prefix: Prefix): number {
    return prefix.length >= 31 ? prefix.network : (prefix.network + 1) >>> 0;
}

/** §6.7: NVAs are stateful unless they say `stateful: false` (v2); firewalls always are. */
export function isStateful(device: Appliance): boolean {
    return device.kind === 'firewall' || device.stateful;
}

function byName(a: { name: string }, b: { name: string }): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
