import type { Gateway, Topology } from '../model/topology.js';
import { containsAddress, formatAddress } from '../model/prefix.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { compareSource, itemRef, nameRef, propertyRef, valueRef, where } from './topology-queries.js';

/**
 * The configuration codes of the v2 elements (docs/language.md §3, "v2: changed and new codes"):
 * route tables on a RouteServerSubnet, gateway connections (VNet-to-VNet, static sites on
 * ExpressRoute) and Azure Firewall's subnet and count. The addresses of NICs and firewalls are
 * checked with the VMs' (addressing-checks.ts); a `bgp` with an NVA without asn is
 * `bgp-endpoint-invalid` (bgp-checks.ts).
 */
export function checkV2Elements(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    checkRouteServerSubnetTables(topology, findings);
    for (const vnet of topology.vnets) for (const gw of vnet.gateways) checkConnections(gw, findings);
    checkFirewalls(topology, findings);
    return findings;
}

/**
 * route-table-on-route-server-subnet: Azure does not support a route table on the
 * RouteServerSubnet (Route Server FAQ, "Can I associate a UDR to the RouteServerSubnet?": no).
 * A declared subnet is that subnet when its prefix is a route server's `subnet`.
 */
function checkRouteServerSubnetTables(topology: Topology, findings: Finding[]): void {
    for (const vnet of topology.vnets) {
        for (const subnet of vnet.subnets) {
            if (!subnet.prefix || !subnet.routeTable) continue;
            const rs = vnet.routeServers.find(r => r.subnet?.network === subnet.prefix!.network && r.subnet.length === subnet.prefix!.length);
            if (!rs) continue;
            findings.push(finding({
                code: IssueCodes.RouteTableOnRouteServerSubnet,
                message: `Subnet '${subnet.name}' (${subnet.prefix.text}) is the RouteServerSubnet of route server '${rs.name}', and Azure does not support a route table on it; remove routeTable: ${subnet.routeTable.name}.`,
                at: propertyRef(subnet, 'routeTable'), target: subnet
            }));
        }
    }
}

/**
 * A gateway's connections: an ExpressRoute circuit needs BGP (a site without asn cannot be
 * reached over it); a VNet-to-VNet connection joins two Vpn gateways and is up only when both
 * list each other (Azure creates one connection resource per direction).
 */
function checkConnections(gw: Gateway, findings: Finding[]): void {
    gw.connectionsWritten.forEach((target, i) => {
        if (!target) return;
        const at = itemRef(gw, 'connections', i);
        if (target.kind === 'onprem') {
            if (gw.type === 'ExpressRoute' && target.asn === undefined) {
                findings.push(finding({
                    code: IssueCodes.ExpressRouteRequiresBgp,
                    message: `ExpressRoute gateway '${gw.name}' connects site '${target.name}', which has no asn: ExpressRoute exchanges routes only over BGP. Give '${target.name}' its asn, or connect it through a Vpn gateway for a static site-to-site connection.`,
                    at, target: gw, data: { site: target.name }
                }));
            }
        } else if (target === gw) {
            findings.push(finding({
                code: IssueCodes.ConnectionInvalid,
                message: `Gateway '${gw.name}' lists itself in its connections; a VNet-to-VNet connection joins two different Vpn gateways. Remove '${gw.name}'.`,
                at, target: gw
            }));
        } else if (gw.type !== 'Vpn' || target.type !== 'Vpn') {
            const which = gw.type !== 'Vpn' ? `'${gw.name}'` : `'${target.name}'`;
            findings.push(finding({
                code: IssueCodes.ConnectionInvalid,
                message: `Gateway '${gw.name}' connects gateway '${target.name}', but ${which} is an ExpressRoute gateway: a VNet-to-VNet connection joins two Vpn gateways. Connect two Vpn gateways, or peer the VNets.`,
                at, target: gw
            }));
        } else if (!target.vnetConnections.includes(gw)) {
            findings.push(finding({
                code: IssueCodes.ConnectionNotReciprocal,
                message: `Vpn gateway '${gw.name}' connects '${target.name}', but '${target.name}' (${where(target.source)}) does not list '${gw.name}' in its connections: a VNet-to-VNet connection needs one in each direction, so this one stays down. Add '${gw.name}' to the connections of '${target.name}'.`,
                at, target: gw, data: { gateway: target.name }
            }));
        }
    });
}

/**
 * Azure Firewall: its AzureFirewallSubnet is /26 or larger (Azure Firewall FAQ: "Why does Azure
 * Firewall need a /26 subnet size?"), its private IP is in that subnet, and a VNet holds one.
 */
function checkFirewalls(topology: Topology, findings: Finding[]): void {
    for (const vnet of topology.vnets) {
        const firewalls = [...vnet.firewalls].sort((a, b) => compareSource(a.source, b.source));
        firewalls.forEach((fw, i) => {
            const prefix = fw.subnet.prefix;
            if (prefix && prefix.length > 26) {
                // The /26 that contains the written prefix (and so the firewall's ip, when it is inside).
                const widened = `${formatAddress((prefix.network & 0xffffffc0) >>> 0)}/26`;
                findings.push(finding({
                    code: IssueCodes.FirewallSubnetTooSmall,
                    message: `The AzureFirewallSubnet of firewall '${fw.name}' is ${prefix.text}; Azure Firewall needs a /26 or larger subnet to scale. Use a /26, e.g. ${widened}.`,
                    at: valueRef(fw, 'subnet'), target: fw, data: { normalized: widened }
                }));
            }
            if (prefix && fw.ip !== undefined && !containsAddress(prefix, fw.ip)) {
                findings.push(finding({
                    code: IssueCodes.FirewallIpOutsideSubnet,
                    message: `The ip ${fw.ipText} of firewall '${fw.name}' is outside its AzureFirewallSubnet ${prefix.text}; Azure gives the firewall an address of that subnet. Use an address inside it.`,
                    at: valueRef(fw, 'ip'), target: fw
                }));
            }
            if (i > 0) {
                findings.push(finding({
                    code: IssueCodes.MultipleFirewalls,
                    message: `VNet '${vnet.name}' already has firewall '${firewalls[0].name}' (${where(firewalls[0].source)}); a VNet has one AzureFirewallSubnet and one Azure Firewall. Remove '${fw.name}' or put it in another VNet.`,
                    at: nameRef(fw), target: fw
                }));
            }
        });
    }
}
