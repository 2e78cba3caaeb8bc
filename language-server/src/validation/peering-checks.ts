import type { Peering, Topology, VNet } from '../model/topology.js';
import { finding, type Finding } from './finding.js';
import { IssueCodes } from './issue-codes.js';
import { propertyRef } from './topology-queries.js';

/**
 * The peering-flag codes of docs/language.md §3 that the configuration alone decides.
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
    for (const p of topology.peerings) checkConnected(p, findings);
    findings.push(...flagFindings(topology, hostsGatewayOrRouteServer));
    return suggestHosts(topology, findings);
}

/** Which VNets host a gateway or route server; a what-if adds one (suggestHosts). */
type Hosts = (vnet: VNet) => boolean;

/** allowGatewayTransit and useRemoteGateways findings, for the real or a what-if set of hosts. */
function flagFindings(topology: Topology, hosts: Hosts): Finding[] {
    const findings: Finding[] = [];
    for (const p of topology.peerings) checkGatewayTransit(p, hosts, findings);
    checkUseRemoteGateways(topology, hosts, findings);
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
        findings.push(finding({
            code: IssueCodes.PeeringNotConnected,
            message: `Peering '${peeringLabel(p)}' peers VNet '${p.from.name}' with itself; it never connects. Remove it.`,
            at: p.source, target: p
        }));
        return;
    }
    // Microsoft.Network/virtualNetworkPeerings: Connected only when both directions exist.
    findings.push(finding({
        code: IssueCodes.PeeringNotConnected,
        message: `Peering '${peeringLabel(p)}' has no reverse peering '${p.to.name} -> ${p.from.name}': a peering is Connected only when both VNets hold one toward the other, so it stays Initiated and carries no traffic and no routes. Add 'peering ${p.to.name} -> ${p.from.name}'.`,
        at: p.source, target: p, data: { from: p.from.name, to: p.to.name }
    }));
}

/** Marks where a message suggests giving a VNet a gateway or route server; suggestHosts fills it in. */
const ADD_HOST = '\u0000add-host\u0000';

function checkGatewayTransit(p: Peering, hosts: Hosts, findings: Finding[]): void {
    if (!p.allowGatewayTransit || hosts(p.from)) return;
    findings.push(finding({
        code: IssueCodes.GatewayTransitWithoutGateway,
        message: `Peering '${peeringLabel(p)}' sets allowGatewayTransit, but ${vnetName(p.from)} has neither a gateway nor a route server: the flag shares this VNet's own gateway or Route Server with the peered VNet, so here it does nothing (it belongs on the side that has the gateway). Remove allowGatewayTransit${ADD_HOST}.`,
        at: propertyRef(p, 'allowGatewayTransit'), target: p, data: { flag: 'allowGatewayTransit', peering: peeringLabel(p), addHost: p.from.name }
    }));
}

/** The VNet a VNet uses through useRemoteGateways toward a host, if any. */
function usedHub(topology: Topology, vnet: VNet, hosts: Hosts): VNet | undefined {
    return topology.peerings.find(q => q.from === vnet && q.useRemoteGateways && q.state === 'Connected' && q.to !== vnet && hosts(q.to))?.to;
}

function checkUseRemoteGateways(topology: Topology, hosts: Hosts, findings: Finding[]): void {
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
        const report = (p: Peering, code: Finding['code'], message: string, at = propertyRef(p, 'useRemoteGateways'), extra: Record<string, unknown> = {}) => findings.push(finding({
            code, message, at, target: p,
            data: { flag: 'useRemoteGateways', peering: peeringLabel(p), ...extra }
        }));
        // DH-ER-2 (S4): the hubs a VNet is Connected to that host a gateway or route server. The
        // dual-homed rule is the design of a spoke that hosts its own route server (DH-1): it learns
        // every hub's routes from the hubs' NVAs. A spoke without one may use one hub's gateway
        // (PF-URG (c): one peering only; a second is multiple-use-remote-gateways).
        const hubs = [...new Set((outgoing.get(vnet) ?? [])
            .filter(q => q.state === 'Connected' && q.to !== vnet && hosts(q.to))
            .map(q => q.to))];
        const dualHomed = hubs.length >= 2 && vnet.routeServers.length > 0;
        const left: Peering[] = [];
        for (const p of flagged) {
            if (!hosts(p.to)) {
                // PF-URG (b), S26: ARM answers RemoteVnetHasNoGateways. PROP-3: the remote VNet's
                // own use of a third VNet's gateway does not carry over a second peering.
                const second = usedHub(topology, p.to, hosts);
                const why = second
                    ? `'${p.to.name}' only uses the gateway of '${second.name}', and gateway transit does not extend over a second peering (Azure: RemoteVnetHasNoGateways). Peer '${vnet.name}' with '${second.name}' and use its gateway there, or disable useRemoteGateways on '${peeringLabel(p)}'`
                    : `useRemoteGateways needs a gateway or Route Server in the remote VNet (Azure: RemoteVnetHasNoGateways). Disable useRemoteGateways on '${peeringLabel(p)}'${ADD_HOST}`;
                report(p, IssueCodes.RemoteVnetHasNoGateways,
                    `Peering '${peeringLabel(p)}' sets useRemoteGateways, but ${vnetName(p.to)} has neither a gateway nor a route server: ${why}.`,
                    undefined, second ? {} : { addHost: p.to.name, addHostTransit: p.reverse && !p.reverse.allowGatewayTransit ? peeringLabel(p.reverse) : undefined });
            } else if (dualHomed && p.state === 'Connected') {
                report(p, IssueCodes.DualHomedUseRemoteGateways,
                    `${vnetTitle(vnet)} hosts route server '${vnet.routeServers[0].name}' and is peered with ${hubs.length} ${pluralRole(hubs)} that host gateways or Route Servers (${hubs.map(h => h.name).join(', ')}): in the dual-homed design the spoke's own Route Server learns every hub's routes from the hubs' NVAs, and a VNet with its own Route Server cannot use a remote gateway. Disable useRemoteGateways on '${peeringLabel(p)}'.`);
            } else if (hosts(vnet)) {
                // PF-URG (d) and PF-URG-RS: a local route server counts like a local gateway.
                report(p, IssueCodes.UseRemoteGatewaysWithLocalGateway,
                    `${vnetTitle(vnet)} has its own gateway or route server (${localHosts(vnet)}), and a VNet with its own gateway or Route Server cannot use a remote one. Disable useRemoteGateways on '${peeringLabel(p)}'.`);
            } else {
                left.push(p);
            }
        }
        // PF-URG (c): only one peering per VNet may use remote gateways; the first keeps it.
        left.forEach((p, i) => {
            if (i > 0) {
                const first = left[0];
                report(p, IssueCodes.MultipleUseRemoteGateways,
                    `${vnetTitle(vnet)} already uses the remote gateways of '${first.to.name}' through '${peeringLabel(first)}', and a VNet can use the remote gateway of one peering only. Disable useRemoteGateways on '${peeringLabel(p)}'.`);
                return;
            }
            if (p.reverse?.allowGatewayTransit) return;
            // PF-URG (a): the remote side must offer its gateway. The line to change is the hub's
            // peering that lacks allowGatewayTransit (its written value, else the statement).
            if (p.reverse) {
                const r = p.reverse;
                report(p, IssueCodes.UseRemoteGatewaysWithoutTransit,
                    `Peering '${peeringLabel(p)}' sets useRemoteGateways, but '${peeringLabel(r)}' does not set allowGatewayTransit: gateway transit takes both sides, useRemoteGateways on the spoke's peering and allowGatewayTransit on the hub's. Set allowGatewayTransit: true on '${peeringLabel(r)}', or disable useRemoteGateways on '${peeringLabel(p)}'.`,
                    r.refs.allowGatewayTransit ? propertyRef(r, 'allowGatewayTransit') : r.source, { reverse: peeringLabel(r) });
            } else {
                report(p, IssueCodes.UseRemoteGatewaysWithoutTransit,
                    `Peering '${peeringLabel(p)}' sets useRemoteGateways, but there is no peering '${p.to.name} -> ${p.from.name}' with allowGatewayTransit: true: gateway transit takes both sides, useRemoteGateways on the spoke's peering and allowGatewayTransit on the hub's. Add it, or disable useRemoteGateways.`);
            }
        });
    }
}

function findingKey(f: Finding): string {
    const r = f.at.range;
    return `${f.code}@${f.at.uri}:${r.start.line}:${r.start.character}`;
}

/**
 * A message may suggest giving a VNet a gateway or route server (ADD_HOST). The suggestion is
 * checked first: the peering checks run again as if that VNet had one, and where that draws an
 * error the current configuration does not have (another spoke's flag turning into
 * use-remote-gateways-with-local-gateway, a spoke with its own route server becoming dual-homed,
 * a second useRemoteGateways), the suggestion is left out and the message says why.
 */
function suggestHosts(topology: Topology, findings: Finding[]): Finding[] {
    if (!findings.some(f => f.message.includes(ADD_HOST))) return findings;
    const baseline = new Set(findings.filter(f => f.severity === 'error').map(findingKey));
    const verdicts = new Map<string, Finding | null>();
    const newError = (name: string, own: Finding): Finding | null => {
        const key = `${name}\u0000${findingKey(own)}`;
        if (verdicts.has(key)) return verdicts.get(key)!;
        const whatIf = flagFindings(topology, v => v.name === name || hostsGatewayOrRouteServer(v));
        const found = whatIf.find(f => f.severity === 'error' && f.target !== own.target && !baseline.has(findingKey(f))) ?? null;
        verdicts.set(key, found);
        return found;
    };
    return findings.map(f => {
        if (!f.message.includes(ADD_HOST)) return f;
        const name = String(f.data?.addHost);
        const blocker = newError(name, f);
        const transit = typeof f.data?.addHostTransit === 'string' ? ` and set allowGatewayTransit: true on '${f.data.addHostTransit}'` : '';
        const text = blocker
            ? ` (a gateway or route server in '${name}' is no way out: ${blocker.code} on '${blocker.data?.peering ?? ''}')`
            : `, or add a gateway or route server to '${name}'${transit}`;
        return { ...f, message: f.message.replace(ADD_HOST, text), data: { ...f.data, addHost: blocker ? undefined : name } };
    });
}

function pluralRole(vnets: readonly VNet[]): string {
    const roles = new Set(vnets.map(v => v.role));
    if (roles.size === 1 && roles.has('hub')) return 'hubs';
    if (roles.size === 1 && roles.has('spoke')) return 'spokes';
    return 'VNets';
}
