import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ast from '../../language-server/src/generated/ast.js';
import { formatAddress } from '../../language-server/src/model/prefix.js';
import type * as T from '../../language-server/src/model/topology.js';
import { buildWorkspace, codes } from '../helpers.js';

/**
 * The v2 constructs of docs/language.md §2 ("v2 additions"): they parse, link and become the model's
 * plain data (model/topology.ts) that the route engine, the trace and the checks read.
 */

const V2_EXAMPLE = [...readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8').matchAll(/```azrs\n([\s\S]*?)```/g)][1]?.[1];

async function topologyOf(text: string) {
    const built = await buildWorkspace(text);
    const topology = built.services.Azrs.analysis.WorkspaceAnalysis.get().built.topology;
    return { ...built, topology };
}

function get<K extends T.NamedTopologyElement['kind']>(topology: T.Topology, name: string, kind: K): Extract<T.NamedTopologyElement, { kind: K }> {
    const e = topology.byName.get(name);
    if (e?.kind !== kind) throw new Error(`no ${kind} ${name}`);
    return e as Extract<T.NamedTopologyElement, { kind: K }>;
}

const ips = (xs: readonly (number | undefined)[]) => xs.map(x => x === undefined ? undefined : formatAddress(x));

describe('v2 constructs: parsing', () => {
    it('parses the v2 example of docs/language.md §2 without a syntax or linking error', async () => {
        expect(V2_EXAMPLE).toBeDefined();
        const { documents, diagnostics } = await buildWorkspace(V2_EXAMPLE!);
        expect(documents[0].parseResult.parserErrors).toEqual([]);
        // The example names a route table it does not declare.
        expect(diagnostics[0].filter(d => String(d.message).startsWith('Could not resolve')).map(d => d.message))
            .toEqual(["Could not resolve reference to RouteTable named 'rt-gateway'."]);
        const model = documents[0].parseResult.value;
        expect(model.elements.map(e => e.$type)).toEqual(['OnPrem', 'VNet', 'VNet', 'Intent']);
        const hub = model.elements.filter(ast.isVNet)[0];
        expect(hub.gateways[0]).toMatchObject({ nextHopIps: ['10.1.255.4', '10.1.255.5'] });
        expect(hub.gateways[0].routeTable?.$refText).toBe('rt-gateway');
        expect(hub.gateways[0].connections.map(c => c.$refText)).toEqual(['branch-static', 'vpngw-branch']);
        expect(hub.firewalls[0]).toMatchObject({ name: 'azfw', subnet: '10.1.4.0/26', ip: '10.1.4.4' });
        expect(hub.nvas[0].nics.map(n => [n.name, n.ip])).toEqual([['untrust', '10.1.1.4'], ['trust', '10.1.2.4']]);
        expect(hub.nvas[0].stateful).toBe(true);
        const intent = model.elements.find(ast.isIntent)!;
        expect(intent).toMatchObject({ name: 'app-to-branch', toAddress: '172.20.0.10', reachable: true });
        expect(intent.from?.ref?.name).toBe('branch-vm');
        expect(intent.via.map(v => v.ref?.name)).toEqual(['azfw']);
    });

    it('the new keywords may still be names', async () => {
        const { documents, diagnostics } = await buildWorkspace(`
            hub firewall { addressSpace: [10.0.0.0/16]
              subnet nic { prefix: 10.0.1.0/24 }
              nva intent { nic from { ip: 10.0.1.4 } nic to { ip: 10.0.2.4 } }
              firewall via { subnet: 10.0.3.0/26, ip: 10.0.3.4 }
              vm stateful { ip: 10.0.1.10 } }
            intent reachable { from: firewall/nic, to: stateful, via: [via, intent], reachable: false }`);
        expect(documents[0].parseResult.parserErrors).toEqual([]);
        expect(codes(diagnostics[0]).filter(c => c === 'undefined' || c === 'linking-error')).toEqual([]);
        const intent = documents[0].parseResult.value.elements.find(ast.isIntent)!;
        expect([intent.name, intent.from?.ref?.name, intent.to?.ref?.name, intent.via.map(v => v.ref?.name)])
            .toEqual(['reachable', 'nic', 'stateful', ['via', 'intent']]);
    });

    it('a syntax error in a new construct names what was found and what fits', async () => {
        const cases: Array<[string, string]> = [
            ['hub h { firewall f { subnet: } }', "Expected an IPv4 address or prefix but found '}'."],
            ['hub h { firewall f { asn: 1 } }', "Expected '}' but found 'asn'."],
            ['intent i { to: }', "Unexpected '}': expected a name or an IPv4 address or prefix."],
            ['intent i { from: a/ }', "Unexpected '}': expected a name."],
            ['intent i { reachable: maybe }', "Unexpected 'maybe': expected 'true' or 'false'."],
            ['hub h { nva n { stateful: 1 } }', "Unexpected '1': expected 'true' or 'false'."],
            ['}', "Unexpected '}': expected an element (onprem, hub, spoke, vnet, peering, bgp, routeTable or intent)."]
        ];
        for (const [text, message] of cases) {
            const { documents } = await buildWorkspace(text);
            expect(documents[0].parseResult.parserErrors.map(e => e.message), text).toEqual([message]);
        }
    });
});

describe('v2 constructs: the model', () => {
    it('gateway: nextHopIps, routeTable on its GatewaySubnet, sites and VNet-to-VNet connections as written', async () => {
        const { topology } = await topologyOf(V2_EXAMPLE!);
        const gw = get(topology, 'vpngw1', 'gateway');
        expect(ips(gw.nextHopIps)).toEqual(['10.1.255.4', '10.1.255.5']);
        expect(gw.nextHopIpTexts).toEqual(['10.1.255.4', '10.1.255.5']);
        expect(gw.connections.map(s => s.name)).toEqual(['branch-static']);
        expect(gw.vnetConnections.map(g => g.name)).toEqual(['vpngw-branch']);
        expect(get(topology, 'vpngw-branch', 'gateway').vnetConnections).toEqual([gw]);
        // rt-gateway is not declared in the example: the reference is unresolved.
        expect(gw.routeTable).toBeUndefined();
        expect(gw.gatewaySubnet).toMatchObject({ kind: 'subnet', name: 'GatewaySubnet', special: 'GatewaySubnet', implicit: false });
        expect(gw.gatewaySubnet.prefix?.text).toBe('10.1.255.0/27');
        expect(gw.gatewaySubnet.vnet).toBe(gw.vnet);
        // A special subnet is not one of the VNet's declared subnets.
        expect(gw.vnet.subnets).not.toContain(gw.gatewaySubnet);
    });

    it('gateway routeTable resolves to the route table, which the GatewaySubnet carries', async () => {
        const { topology } = await topologyOf(`
            hub h { addressSpace: [10.0.0.0/16] gateway g { type: Vpn, subnet: 10.0.255.0/27, routeTable: rt } }
            routeTable rt { route r { prefix: 10.1.0.0/16, nextHopType: None } }`);
        const gw = get(topology, 'g', 'gateway');
        expect(gw.routeTable).toBe(get(topology, 'rt', 'routeTable'));
        expect(gw.gatewaySubnet.routeTable).toBe(gw.routeTable);
        expect(gw.nextHopIps).toEqual([]);
    });

    it('onprem without asn: a static site', async () => {
        const { topology } = await topologyOf(V2_EXAMPLE!);
        const site = get(topology, 'branch-static', 'onprem');
        expect(site.asn).toBeUndefined();
        expect(site.prefixes.map(p => p.text)).toEqual(['172.20.0.0/16']);
    });

    it('nva with nic blocks: NICs in order, the first one is the NVA\'s ip, subnet and next hop', async () => {
        const { topology } = await topologyOf(`
            hub h { addressSpace: [10.1.0.0/16]
              subnet untrust { prefix: 10.1.1.0/24 }
              subnet trust { prefix: 10.1.2.0/24 }
              nva fw1 { nic untrust { ip: 10.1.1.4 } nic trust { ip: 10.1.2.4 } stateful: false }
              nva plain { ip: 10.1.2.10, asn: 65010 } }`);
        const fw1 = get(topology, 'fw1', 'nva');
        expect(fw1.nics.map(n => [n.name, n.ipText, n.subnet.name, n.primary])).toEqual([
            ['untrust', '10.1.1.4', 'untrust', true], ['trust', '10.1.2.4', 'trust', false]]);
        expect(fw1.nics.every(n => n.owner === fw1 && n.vnet === fw1.vnet && n.kind === 'nic')).toBe(true);
        expect([fw1.ipText, fw1.subnet.name, fw1.nextHopText, ips([fw1.nextHop])[0]]).toEqual(['10.1.1.4', 'untrust', '10.1.1.4', '10.1.1.4']);
        expect(fw1.asn).toBeUndefined();
        expect(fw1.stateful).toBe(false);
        const trust = fw1.vnet.subnets.find(s => s.name === 'trust')!;
        expect(trust.nics.map(n => `${n.owner.name}/${n.name}`)).toEqual(['fw1/trust', 'plain/plain']);
        // Subnet.nvas lists the NVAs whose first NIC is there.
        expect(trust.nvas.map(n => n.name)).toEqual(['plain']);
        const plain = get(topology, 'plain', 'nva');
        expect(plain.nics.map(n => [n.name, n.ipText, n.primary])).toEqual([['plain', '10.1.2.10', true]]);
        expect(plain.stateful).toBe(true);
        // NICs have no global name.
        expect(topology.byName.has('untrust')).toBe(false);
    });

    it('firewall: its AzureFirewallSubnet, ip, always stateful; a UDR may name it', async () => {
        const { topology } = await topologyOf(`
            hub h { addressSpace: [10.1.0.0/16] firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 } }
            routeTable rt { route all { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: azfw } }`);
        const fw = get(topology, 'azfw', 'firewall');
        expect([fw.ipText, ips([fw.ip])[0], fw.stateful, fw.vnet.name]).toEqual(['10.1.4.4', '10.1.4.4', true, 'h']);
        expect(fw.subnet).toMatchObject({ name: 'AzureFirewallSubnet', special: 'AzureFirewallSubnet', routeTable: undefined });
        expect(fw.subnet.prefix?.text).toBe('10.1.4.0/26');
        expect(fw.subnet.firewalls).toEqual([fw]);
        expect(fw.vnet.firewalls).toEqual([fw]);
        const route = get(topology, 'rt', 'routeTable').routes[0];
        expect(route.nextHopFirewall).toBe(fw);
        expect(route.nextHopNva).toBeUndefined();
        expect(route.nextHopIpText).toBe('10.1.4.4');
    });

    it('intent: ends of every kind, an address, via in order, reachable default true', async () => {
        const { topology } = await topologyOf(`
            onprem dc { prefixes: [192.168.0.0/16] }
            hub h { addressSpace: [10.1.0.0/16]
              subnet app { prefix: 10.1.3.0/24 }
              firewall azfw { subnet: 10.1.4.0/26, ip: 10.1.4.4 }
              nva n1 { ip: 10.1.2.4 }
              vm vm1 { ip: 10.1.3.4 } }
            intent a { from: vm1, to: dc, via: [azfw, n1] }
            intent b { from: h/app, to: 8.8.8.8, reachable: false }
            intent c { from: dc, to: azfw }
            intent d { from: n1, to: h/app }
            intent e { from: h, to: dc }`);
        const [a, b, c, d, e] = topology.intents;
        expect([a.name, a.from?.kind, a.from && 'name' in a.from ? a.from.name : undefined, a.to?.kind, a.via.map(v => v.name), a.reachable])
            .toEqual(['a', 'vm', 'vm1', 'onprem', ['azfw', 'n1'], true]);
        expect(b.from).toBe(get(topology, 'h', 'vnet').subnets[0]);
        expect(b.to).toEqual({ kind: 'address', address: 0x08080808, text: '8.8.8.8' });
        expect(b.reachable).toBe(false);
        expect(c.from).toBe(get(topology, 'dc', 'onprem'));
        expect(c.to).toBe(get(topology, 'azfw', 'firewall'));
        expect(d.from).toBe(get(topology, 'n1', 'nva'));
        expect(e.from).toBe(get(topology, 'h', 'vnet'));
        expect(topology.byName.get('a')).toBe(a);
    });

    it('an unresolved intent end is undefined and a linking error', async () => {
        const { topology, diagnostics } = await topologyOf(`hub h { addressSpace: [10.1.0.0/16] vm v { ip: 10.1.0.4 } }
intent i { from: h/missing, to: v }`);
        expect(topology.intents[0].from).toBeUndefined();
        expect(topology.intents[0].to?.kind).toBe('vm');
        expect(diagnostics[0].map(d => `${d.message} ${d.range.start.line}:${d.range.start.character}`))
            .toContain("Could not resolve reference to a vm, nva, firewall, onprem site, VNet or subnet (VNET/SUBNET) named 'h/missing'. 1:17");
    });
});
