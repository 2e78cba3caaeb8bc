import { containsAddress, containsPrefix, formatAddress, overlaps } from '../model/prefix.js';
import type { Firewall, Gateway, Nic, Prefix, RouteServer, SourceRef, Subnet, Topology, VNet, Vm } from '../model/topology.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { compareSource, itemRef, valueRef } from './topology-queries.js';

/**
 * The addressing codes of docs/language.md §3 over the resolved topology. Malformed literals
 * (invalid-prefix, prefix-host-bits) are checked on the AST by literal-checks.ts.
 */
export function checkAddressing(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const vnet of topology.vnets) {
        checkAddressSpace(vnet, findings);
        checkSubnets(vnet, findings);
        checkIps(vnet, findings);
    }
    checkPeeredOverlaps(topology, findings);
    return findings;
}

function checkAddressSpace(vnet: VNet, findings: Finding[]): void {
    // PF-OVERLAP / Azure: the ranges of one VNet must not overlap; reported on the second.
    vnet.addressSpace.forEach((range, j) => {
        const i = vnet.addressSpace.findIndex((other, k) => k < j && overlaps(other, range));
        if (i < 0) return;
        findings.push(finding({
            code: IssueCodes.AddressSpaceOverlap,
            message: `Address range ${range.text} of VNet '${vnet.name}' overlaps its range ${vnet.addressSpace[i].text}; remove or change one of them.`,
            at: itemRef(vnet, 'addressSpace', j), target: vnet
        }));
    });
}

interface SubnetLike { label: string; prefix: Prefix; owner: Subnet | RouteServer | Gateway | Firewall; property: 'prefix' | 'subnet' }

/** Where a finding on a subnet prefix is anchored; asked only when there is a finding. */
function at(s: SubnetLike): SourceRef {
    return valueRef(s.owner, s.property);
}

function checkSubnets(vnet: VNet, findings: Finding[]): void {
    const subnets: SubnetLike[] = [];
    for (const s of vnet.subnets) if (s.prefix) subnets.push({ label: `subnet '${s.name}'`, prefix: s.prefix, owner: s, property: 'prefix' });
    for (const rs of vnet.routeServers) if (rs.subnet) subnets.push({ label: `RouteServerSubnet of '${rs.name}'`, prefix: rs.subnet, owner: rs, property: 'subnet' });
    for (const gw of vnet.gateways) if (gw.subnet) subnets.push({ label: `GatewaySubnet of '${gw.name}'`, prefix: gw.subnet, owner: gw, property: 'subnet' });
    for (const fw of vnet.firewalls) if (fw.subnet.prefix) subnets.push({ label: `AzureFirewallSubnet of '${fw.name}'`, prefix: fw.subnet.prefix, owner: fw, property: 'subnet' });
    // File order of the prefixes: each lies inside its own element and elements do not overlap, so
    // the elements' order is theirs.
    subnets.sort((a, b) => compareSource(a.owner.source, b.owner.source));

    for (const s of subnets) {
        if (!vnet.addressSpace.some(range => containsPrefix(range, s.prefix))) {
            findings.push(finding({
                code: IssueCodes.SubnetOutsideAddressSpace,
                message: vnet.addressSpace.length === 0
                    ? `The ${s.label} (${s.prefix.text}) is not inside VNet '${vnet.name}', which has no valid addressSpace range (none is written, or each written one is invalid); add a range that contains it.`
                    : `The ${s.label} (${s.prefix.text}) is not inside the address space of VNet '${vnet.name}' (${vnet.addressSpace.map(p => p.text).join(', ')}); change the prefix or add a range that contains it.`,
                at: at(s)
            }));
        }
    }
    subnets.forEach((s, j) => {
        const first = subnets.find((o, i) => i < j && overlaps(o.prefix, s.prefix) && !sameSubnetTwice(o, s));
        if (!first) return;
        findings.push(finding({
            code: IssueCodes.SubnetOverlap,
            message: `The ${s.label} (${s.prefix.text}) overlaps the ${first.label} (${first.prefix.text}) in VNet '${vnet.name}'; subnets of one VNet must not overlap.`,
            at: at(s)
        }));
    });
}

/** What owns an address in a VNet: a VM, an NVA's NIC (v2: each of them) or a firewall (v2). */
type Host = Vm | Nic | Firewall;

/** "NVA 'fw1'" for an NVA's `ip:`, "NIC 'fw1/trust'" for a `nic` block. */
function hostLabel(host: Host): string {
    if (host.kind === 'vm') return `VM '${host.name}'`;
    if (host.kind === 'firewall') return `firewall '${host.name}'`;
    return host.name === host.owner.name && host.source === host.owner.source ? `NVA '${host.name}'` : `NIC '${host.owner.name}/${host.name}' of NVA '${host.owner.name}'`;
}

/**
 * (v2) A declared subnet with exactly the prefix of a RouteServerSubnet, GatewaySubnet or
 * AzureFirewallSubnet is that subnet written a second time (to give it a route table, say): no
 * overlap. route-table-on-route-server-subnet looks at such a subnet.
 */
function sameSubnetTwice(a: SubnetLike, b: SubnetLike): boolean {
    const same = a.prefix.network === b.prefix.network && a.prefix.length === b.prefix.length;
    // An ExpressRoute and a Vpn gateway coexist in the one GatewaySubnet of their VNet (ER-VPN-COEXIST):
    // both may write it.
    const sharedGatewaySubnet = a.owner.kind === 'gateway' && b.owner.kind === 'gateway';
    return same && (sharedGatewaySubnet || (a.property === 'prefix') !== (b.property === 'prefix'));
}

function checkIps(vnet: VNet, findings: Finding[]): void {
    const hosts: Host[] = [...vnet.nvas.flatMap(n => n.nics), ...vnet.vms, ...vnet.firewalls].sort((a, b) => compareSource(a.source, b.source));
    const byIp = new Map<number, Host>();
    for (const host of hosts) {
        if (host.ip === undefined) continue;
        const what = hostLabel(host);
        const at = () => valueRef(host, 'ip');
        // An NVA's `ip:` NIC: the finding is the NVA's, as in v1.
        const target = host.kind === 'nic' && host.source === host.owner.source ? host.owner : host;
        if (vnet.addressSpace.length > 0 && !vnet.addressSpace.some(r => containsAddress(r, host.ip!))) {
            findings.push(finding({
                code: IssueCodes.IpOutsideAddressSpace,
                message: `The IP ${host.ipText} of ${what} is outside the address space of VNet '${vnet.name}' (${vnet.addressSpace.map(p => p.text).join(', ')}); give it an address inside the VNet.`,
                at: at(), target
            }));
        }
        const prefix = host.subnet.prefix;
        if (prefix && !host.subnet.implicit && isReserved(prefix, host.ip)) {
            findings.push(finding({
                code: IssueCodes.ReservedIp,
                message: `The IP ${host.ipText} of ${what} is reserved by Azure in subnet '${host.subnet.name}' (${prefix.text}): the network address, .1 to .3 and the broadcast address are not usable; use ${formatAddress(prefix.first + 4)} to ${formatAddress(prefix.last - 1)}.`,
                at: at(), target
            }));
        }
        const first = byIp.get(host.ip);
        if (first) {
            findings.push(finding({
                code: IssueCodes.DuplicateIp,
                message: `The IP ${host.ipText} of ${what} is already used by ${hostLabel(first)} in VNet '${vnet.name}'; give each NIC its own address.`,
                at: at(), target
            }));
        } else {
            byIp.set(host.ip, host);
        }
    }
}

/** S31: Azure reserves the first four addresses and the last one of every subnet. */
function isReserved(prefix: Prefix, ip: number): boolean {
    if (prefix.length > 30) return false;
    return ip - prefix.first <= 3 || ip === prefix.last;
}

function checkPeeredOverlaps(topology: Topology, findings: Finding[]): void {
    // PF-OVERLAP: Azure refuses each peering between VNets whose address spaces overlap.
    for (const peering of topology.peerings) {
        const { from, to } = peering;
        if (from === to) continue;
        for (const a of from.addressSpace) {
            const b = to.addressSpace.find(r => overlaps(a, r));
            if (!b) continue;
            findings.push(finding({
                code: IssueCodes.AddressSpaceOverlap,
                message: `VNets '${from.name}' (${a.text}) and '${to.name}' (${b.text}) overlap and cannot be peered; change one of the address ranges.`,
                at: peering.source, target: peering
            }));
            break;
        }
    }
}
