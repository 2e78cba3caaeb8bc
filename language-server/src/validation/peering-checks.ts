import type { Peering, Topology, VNet } from '../model/topology.js';
import type { Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { propertyRef } from './topology-queries.js';

/**
 * The peering-flag codes of LANGUAGE.md §3 that the configuration alone decides.
 * forwarded-traffic-blocked needs effective routes (routing-checks.ts).
 *
 * Each `useRemoteGateways: true` gets at most one finding, the most specific:
 * remote-vnet-has-no-gateways (Azure's own error), then dual-homed-use-remote-gateways, then
 * use-remote-gateways-with-local-gateway, multiple-use-remote-gateways and
 * use-remote-gateways-without-transit. A flag reported as an error counts as false for the
 * route engine (admission.ts), so the "multiple" count only looks at the flags left.
 */
export function checkPeerings(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const p of topology.peerings) {
        checkConnected(p, findings);
        checkGatewayTransit(p, findings);
    }
    checkUseRemoteGateways(topology, findings);
    return findings;
}

/** A VNet whose gateway or route server peered VNets can use (PF-GWT, PF-URG-RS). */
export function hostsGatewayOrRouteServer(vnet: VNet): boolean {
    return vnet.gateways.length > 0 || vnet.routeServers.length > 0;
}

export function peeringLabel(p: Peering): string {
    return `${p.from.name} -> ${p.to.name}`;
}

/** "Spoke 'spoke1'" */
function vnetTitle(vnet: VNet): string {
    return `${vnet.role === 'hub' ? 'Hub' : vnet.role === 'spoke' ? 'Spoke' : 'VNet'} '${vnet.name}'`;
}

/** "hub 'hub1'" */
function vnetName(vnet: VNet): string {
    return `${vnet.role === 'vnet' ? 'VNet' : vnet.role} '${vnet.name}'`;
}

function localHosts(vnet: VNet): string {
    return [...vnet.gateways, ...vnet.routeServers].map(x => x.name).join(', ');
}

function checkConnected(p: Peering, findings: Finding[]): void {
    if (p.state === 'Connected') return;
    if (p.from === p.to) {
        findings.push({
            code: IssueCodes.PeeringNotConnected, severity: 'warning',
            message: `Peering '${peeringLabel(p)}' peers VNet '${p.from.name}' with itself; it never connects. Remove it.`,
            at: p.source, target: p
        });
        return;
    }
    // Microsoft.Network/virtualNetworkPeerings: Connected only when both directions exist.
    findings.push({
        code: IssueCodes.PeeringNotConnected, severity: 'warning',
        message: `Peering '${peeringLabel(p)}' has no reverse peering '${p.to.name} -> ${p.from.name}': it stays Initiated and carries no traffic and no routes. Add 'peering ${p.to.name} -> ${p.from.name}'.`,
        at: p.source, target: p, data: { from: p.from.name, to: p.to.name }
    });
}

function checkGatewayTransit(p: Peering, findings: Finding[]): void {
    if (!p.allowGatewayTransit || hostsGatewayOrRouteServer(p.from)) return;
    findings.push({
        code: IssueCodes.GatewayTransitWithoutGateway, severity: 'warning',
        message: `Peering '${peeringLabel(p)}' sets allowGatewayTransit, but ${vnetName(p.from)} has neither a gateway nor a route server to share; remove allowGatewayTransit or add a gateway or route server to '${p.from.name}'.`,
        at: propertyRef(p, 'allowGatewayTransit'), target: p, data: { flag: 'allowGatewayTransit' }
    });
}

function checkUseRemoteGateways(topology: Topology, findings: Finding[]): void {
    const flaggedByVnet = new Map<VNet, Peering[]>();
    const outgoing = new Map<VNet, Peering[]>();
    for (const p of topology.peerings) {
        let out = outgoing.get(p.from);
        if (!out) outgoing.set(p.from, out = []);
        out.push(p);
        if (!p.useRemoteGateways) continue;
        let list = flaggedByVnet.get(p.from);
        if (!list) flaggedByVnet.set(p.from, list = []);
        list.push(p);
    }
    for (const [vnet, flagged] of flaggedByVnet) {
        const report = (p: Peering, code: Finding['code'], message: string) => findings.push({
            code, severity: 'error', message, at: propertyRef(p, 'useRemoteGateways'), target: p,
            data: { flag: 'useRemoteGateways', peering: peeringLabel(p) }
        });
        // DH-ER-2 (S4): the hubs a VNet is Connected to that host a gateway or route server.
        const hubs = [...new Set((outgoing.get(vnet) ?? [])
            .filter(q => q.state === 'Connected' && q.to !== vnet && hostsGatewayOrRouteServer(q.to))
            .map(q => q.to))];
        const dualHomed = hubs.length >= 2;
        const left: Peering[] = [];
        for (const p of flagged) {
            if (!hostsGatewayOrRouteServer(p.to)) {
                // PF-URG (b), S26: ARM answers RemoteVnetHasNoGateways.
                report(p, IssueCodes.RemoteVnetHasNoGateways,
                    `Peering '${peeringLabel(p)}' sets useRemoteGateways, but ${vnetName(p.to)} has neither a gateway nor a route server (Azure: RemoteVnetHasNoGateways). Disable useRemoteGateways on '${peeringLabel(p)}' or add a gateway or route server to '${p.to.name}'.`);
            } else if (dualHomed && p.state === 'Connected') {
                report(p, IssueCodes.DualHomedUseRemoteGateways,
                    `${vnetTitle(vnet)} is peered with ${hubs.length} ${pluralRole(hubs)} that host gateways or Route Servers (${hubs.map(h => h.name).join(', ')}); disable useRemoteGateways on '${peeringLabel(p)}'.`);
            } else if (hostsGatewayOrRouteServer(vnet)) {
                // PF-URG (d) and PF-URG-RS: a local route server counts like a local gateway.
                report(p, IssueCodes.UseRemoteGatewaysWithLocalGateway,
                    `${vnetTitle(vnet)} has its own gateway or route server (${localHosts(vnet)}), so it cannot use the gateways of '${p.to.name}'; disable useRemoteGateways on '${peeringLabel(p)}'.`);
            } else {
                left.push(p);
            }
        }
        // PF-URG (c): only one peering per VNet may use remote gateways; the first keeps it.
        left.forEach((p, i) => {
            if (i > 0) {
                const first = left[0];
                report(p, IssueCodes.MultipleUseRemoteGateways,
                    `${vnetTitle(vnet)} already uses the remote gateways of '${first.to.name}' through '${peeringLabel(first)}'; a VNet can set useRemoteGateways on one peering only. Disable it on '${peeringLabel(p)}'.`);
                return;
            }
            if (p.reverse?.allowGatewayTransit) return;
            // PF-URG (a): the remote side must offer its gateway.
            report(p, IssueCodes.UseRemoteGatewaysWithoutTransit, p.reverse
                ? `Peering '${peeringLabel(p)}' sets useRemoteGateways, but '${peeringLabel(p.reverse)}' does not set allowGatewayTransit; set allowGatewayTransit: true on '${peeringLabel(p.reverse)}' or disable useRemoteGateways.`
                : `Peering '${peeringLabel(p)}' sets useRemoteGateways, but there is no peering '${p.to.name} -> ${p.from.name}' with allowGatewayTransit: true; add it, or disable useRemoteGateways.`);
        });
    }
}

function pluralRole(vnets: readonly VNet[]): string {
    const roles = new Set(vnets.map(v => v.role));
    if (roles.size === 1 && roles.has('hub')) return 'hubs';
    if (roles.size === 1 && roles.has('spoke')) return 'spokes';
    return 'VNets';
}
