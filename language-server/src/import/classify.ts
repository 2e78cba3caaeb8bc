import type { ArmResource, ImportLog } from './resources.js';
import { asArray, asBool, asInt, asString, idKey, isObject, lastSegment, parentId, propsOf, refId } from './resources.js';
import type { ImportedGateway, ImportedModel, ImportedNva, ImportedRouteTable, ImportedSite, ImportedVNet } from './imported-model.js';

/** Which imported element each resource became, for the report. */
export interface Mapping { id: string; type: string; element: string }

const T = {
    vnet: 'microsoft.network/virtualnetworks',
    subnet: 'microsoft.network/virtualnetworks/subnets',
    peering: 'microsoft.network/virtualnetworks/virtualnetworkpeerings',
    hub: 'microsoft.network/virtualhubs',
    hubIpConfig: 'microsoft.network/virtualhubs/ipconfigurations',
    bgpConnection: 'microsoft.network/virtualhubs/bgpconnections',
    nic: 'microsoft.network/networkinterfaces',
    vm: 'microsoft.compute/virtualmachines',
    gateway: 'microsoft.network/virtualnetworkgateways',
    connection: 'microsoft.network/connections',
    lng: 'microsoft.network/localnetworkgateways',
    circuit: 'microsoft.network/expressroutecircuits',
    circuitPeering: 'microsoft.network/expressroutecircuits/peerings',
    routeTable: 'microsoft.network/routetables',
    route: 'microsoft.network/routetables/routes',
    firewall: 'microsoft.network/azurefirewalls',
    association: 'azrs/subnetroutetableassociation'
} as const;

/** Resource types read for context only (no element of their own). */
const CONTEXT_TYPES = new Set<string>([T.hubIpConfig, T.circuitPeering, T.association, 'microsoft.resources/resourcegroups']);

const SKIP_REASONS: Record<string, string> = {
    'microsoft.network/networksecuritygroups': 'NSGs filter traffic; azrs models routing only',
    'microsoft.network/publicipaddresses': 'public IPs do not change private routing',
    'microsoft.network/bastionhosts': 'Bastion does not change routing',
    'microsoft.network/virtualwans': 'Virtual WAN is not modelled',
    'microsoft.network/vpngateways': 'Virtual WAN VPN gateways are not modelled',
    'microsoft.network/expressroutegateways': 'Virtual WAN ExpressRoute gateways are not modelled',
    'microsoft.network/networkmanagers': 'Azure Virtual Network Manager is not modelled',
    'microsoft.network/loadbalancers': 'load balancers are not modelled (give an NVA nextHop in the overlay)',
    'microsoft.network/privateendpoints': 'private endpoints are not modelled'
};

/** True for an IPv6 prefix or address (azrs is IPv4 only). */
const isV6 = (s: string) => s.includes(':');

/**
 * Classifies ARM-shaped resources into azrs elements (research/import-verify.md §6 step 3 and the
 * addendum): a virtual hub without a Virtual WAN is a route server, placed by its ipConfiguration's
 * subnet, the RouteServerSubnet's reverse reference, or its virtualRouterIps; a NIC is an NVA when
 * its IP is a bgpConnection's peerIp (asn = peerAsn), it has IP forwarding enabled, or a route
 * points at it; other NICs on VMs are VMs; gateways place themselves by their GatewaySubnet;
 * connections make sites (ExpressRoute sites named after the circuit); a VNet with a route server
 * or gateway is a hub, one that uses a remote gateway a spoke.
 */
export function classify(resources: readonly ArmResource[], log: ImportLog): { model: ImportedModel; mapped: Mapping[] } {
    const byId = new Map<string, ArmResource>();
    for (const r of resources) {
        const key = idKey(r.id);
        const prev = byId.get(key);
        // A child listed inline and as its own resource: the richer object wins, properties merged.
        byId.set(key, prev ? { ...prev, properties: { ...prev.properties, ...r.properties }, tags: { ...prev.tags, ...r.tags } } : r);
    }
    const all = [...byId.values()];
    const byType = new Map<string, ArmResource[]>();
    const byParent = new Map<string, ArmResource[]>();
    for (const r of all) {
        const same = byType.get(r.type);
        if (same) same.push(r); else byType.set(r.type, [r]);
        const key = `${r.type}|${idKey(parentId(r.id))}`;
        const list = byParent.get(key);
        if (list) list.push(r); else byParent.set(key, [r]);
    }
    const ofType = (t: string) => byType.get(t) ?? [];
    const childrenOf = (t: string, parent: string) => byParent.get(`${t}|${idKey(parent)}`) ?? [];
    const mapped: Mapping[] = [];
    const names = new NameBook();
    const map = (r: { id: string }, type: string, element: string) => mapped.push({ id: r.id, type, element });

    // Route tables.
    const routeTables: ImportedRouteTable[] = [];
    const rtName = new Map<string, string>();
    const routeNextHops = new Set<string>();
    for (const rt of ofType(T.routeTable)) {
        const p = rt.properties;
        const routes = new Map<string, { id: string; name: string; p: Record<string, unknown> }>();
        for (const x of asArray(p.routes)) if (isObject(x)) routes.set(String(x.name ?? lastSegment(refId(x) ?? '')).toLowerCase(), { id: refId(x) ?? `${rt.id}/routes/${x.name}`, name: String(x.name ?? lastSegment(refId(x) ?? '')), p: propsOf(x) });
        for (const c of childrenOf(T.route, rt.id)) routes.set(c.name.toLowerCase(), { id: c.id, name: c.name, p: c.properties });
        const name = names.take(rt.name);
        rtName.set(idKey(rt.id), name);
        const table: ImportedRouteTable = { id: rt.id, name, disableBgpRoutePropagation: asBool(p.disableBgpRoutePropagation) ?? false, routes: [] };
        const routeNames = new NameBook();
        for (const r of routes.values()) {
            const prefix = asString(r.p.addressPrefix);
            const nextHopType = asString(r.p.nextHopType);
            if (!prefix || !nextHopType || isV6(prefix)) { log.skip(r.id, T.route, !prefix || !nextHopType ? 'route without addressPrefix or nextHopType' : 'IPv6 route'); continue; }
            if (nextHopType === 'VirtualApplianceEcmp') { log.skip(r.id, T.route, 'nextHopType VirtualApplianceEcmp has no azrs construct yet'); continue; }
            if (!['VirtualAppliance', 'VirtualNetworkGateway', 'VnetLocal', 'Internet', 'None'].includes(nextHopType)) { log.skip(r.id, T.route, `nextHopType ${nextHopType} is not modelled`); continue; }
            const ip = asString(r.p.nextHopIpAddress);
            if (nextHopType === 'VirtualAppliance' && !ip) { log.skip(r.id, T.route, 'VirtualAppliance route without a known nextHopIpAddress'); continue; }
            if (ip) routeNextHops.add(ip);
            table.routes.push({ id: r.id, name: routeNames.take(r.name), prefix, nextHopType, nextHop: nextHopType === 'VirtualAppliance' ? ip : undefined });
            map(r, T.route, `${name}/${r.name}`);
        }
        routeTables.push(table);
        map(rt, rt.type, name);
    }

    // VNets and subnets.
    const vnets: ImportedVNet[] = [];
    const vnetByKey = new Map<string, ImportedVNet>();
    const subnetInfo = new Map<string, { vnet: ImportedVNet; name: string; prefix?: string; raw: Record<string, unknown>; id: string }>();
    const associations = new Map<string, string>();
    for (const a of ofType(T.association)) {
        const s = refId(a.properties.subnet);
        const t = refId(a.properties.routeTable);
        if (s && t) associations.set(idKey(s), t);
    }
    for (const v of ofType(T.vnet)) {
        const p = v.properties;
        const space = asArray(isObject(p.addressSpace) ? p.addressSpace.addressPrefixes : undefined).map(String);
        for (const s of space.filter(isV6)) log.skip(`${v.id}#${s}`, 'addressPrefix', 'IPv6 ranges are not modelled');
        const vnet: ImportedVNet = { id: v.id, name: names.take(v.name), role: 'vnet', region: v.location ? v.location.replace(/\s+/g, '').toLowerCase() : undefined, addressSpace: space.filter(s => !isV6(s)), subnets: [], gateways: [], firewalls: [], nvas: [], vms: [] };
        vnets.push(vnet);
        vnetByKey.set(idKey(v.id), vnet);
        map(v, v.type, vnet.name);
        const subnets = new Map<string, { id: string; name: string; p: Record<string, unknown> }>();
        for (const x of asArray(p.subnets)) if (isObject(x)) {
            const name = String(x.name ?? lastSegment(refId(x) ?? ''));
            subnets.set(name.toLowerCase(), { id: refId(x) ?? `${v.id}/subnets/${name}`, name, p: propsOf(x) });
        }
        for (const c of childrenOf(T.subnet, v.id)) {
            const prev = subnets.get(c.name.toLowerCase());
            subnets.set(c.name.toLowerCase(), { id: c.id, name: c.name, p: { ...(prev?.p ?? {}), ...c.properties } });
        }
        for (const s of subnets.values()) {
            const prefixes = [asString(s.p.addressPrefix), ...asArray(s.p.addressPrefixes).map(asString)].filter((x): x is string => !!x);
            const v4 = prefixes.find(x => !isV6(x));
            if (!v4 && prefixes.length > 0) log.skip(s.id, T.subnet, 'IPv6-only subnet');
            subnetInfo.set(idKey(s.id), { vnet, name: s.name, prefix: v4, raw: s.p, id: s.id });
        }
    }
    const subnetOf = (id: string | undefined) => (id ? subnetInfo.get(idKey(id)) : undefined);
    const inPrefix = (ip: string, prefix: string | undefined) => {
        if (!prefix) return false;
        const [net, len] = prefix.split('/');
        const toInt = (a: string) => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
        const size = 2 ** (32 - Number(len));
        return Math.floor(toInt(ip) / size) === Math.floor(toInt(net) / size);
    };
    const special = new Set<string>();

    // Route servers: virtual hubs without a Virtual WAN.
    const bgpPeers = new Map<string, Array<{ hub: string; asn?: number; id: string }>>();
    for (const h of ofType(T.hub)) {
        const p = h.properties;
        if (refId(p.virtualWan)) { log.skip(h.id, h.type, 'Virtual WAN hub: not modelled'); continue; }
        const ipConfigs = [...childrenOf(T.hubIpConfig, h.id).map(c => refId(c.properties.subnet)), ...asArray(p.ipConfigurations).map(x => refId(propsOf(x).subnet))];
        let sub = ipConfigs.map(subnetOf).find(Boolean);
        sub ??= [...subnetInfo.values()].find(s => asArray(s.raw.ipConfigurations).some(c => (refId(c) ?? '').toLowerCase().startsWith(`${idKey(h.id)}/ipconfigurations/`)));
        const routerIps = asArray(p.virtualRouterIps).map(String);
        sub ??= [...subnetInfo.values()].find(s => routerIps.some(ip => inPrefix(ip, s.prefix)));
        if (!sub) { log.skip(h.id, h.type, 'route server whose subnet is in none of the inputs (add the VNet)'); continue; }
        special.add(idKey(sub.id));
        const pref = asString(p.hubRoutingPreference);
        const rs = { id: h.id, name: names.take(h.name), subnet: sub.prefix, branchToBranch: asBool(p.allowBranchToBranchTraffic) ?? false, hubRoutingPreference: pref && ['ExpressRoute', 'VpnGateway', 'ASPath'].includes(pref) ? pref : undefined };
        if (sub.vnet.routeServer) { log.skip(h.id, h.type, `a second route server in VNet ${sub.vnet.name}`); continue; }
        sub.vnet.routeServer = rs;
        map(h, h.type, rs.name);
        const conns = childrenOf(T.bgpConnection, h.id);
        for (const c of conns) {
            const ip = asString(c.properties.peerIp);
            if (!ip) { log.skip(c.id, c.type, 'bgpConnection without peerIp'); continue; }
            const list = bgpPeers.get(ip) ?? [];
            list.push({ hub: rs.name, asn: asInt(c.properties.peerAsn), id: c.id });
            bgpPeers.set(ip, list);
        }
    }

    // NICs, VMs and NVAs.
    const vmOfNic = new Map<string, ArmResource>();
    for (const vm of ofType(T.vm)) {
        const nics = asArray(isObject(vm.properties.networkProfile) ? vm.properties.networkProfile.networkInterfaces : undefined);
        for (const n of nics) { const id = refId(n); if (id) vmOfNic.set(idKey(id), vm); }
    }
    const groups = new Map<string, { owner: ArmResource; nics: Array<{ nic: ArmResource; ip: string; sub: NonNullable<ReturnType<typeof subnetOf>> }>; forwarding: boolean }>();
    for (const nic of ofType(T.nic)) {
        const p = nic.properties;
        const vmRef = refId(p.virtualMachine);
        const vm = vmOfNic.get(idKey(nic.id)) ?? (vmRef ? byId.get(idKey(vmRef)) : undefined);
        // A NIC names its VM even when the VM is not among the inputs (Resource Graph queries of network types only).
        const owner = vm ?? (vmRef ? { ...nic, id: vmRef, name: lastSegment(vmRef), type: T.vm, tags: {} } : nic);
        const configs = asArray(p.ipConfigurations).map(propsOf);
        const v4 = configs.find(c => asString(c.privateIPAddress) && !isV6(asString(c.privateIPAddress)!) && asString(c.privateIPAddressVersion) !== 'IPv6');
        if (!v4) { log.skip(nic.id, nic.type, configs.length ? 'no static or known IPv4 private address (dynamic addresses exist only in a running network)' : 'no ipConfigurations'); continue; }
        const sub = subnetOf(refId(v4.subnet));
        if (!sub) { log.skip(nic.id, nic.type, `its subnet ${refId(v4.subnet) ?? '(none)'} is in none of the inputs`); continue; }
        const key = idKey(owner.id);
        const g = groups.get(key) ?? { owner, nics: [], forwarding: false };
        g.nics.push({ nic, ip: asString(v4.privateIPAddress)!, sub });
        g.forwarding ||= asBool(p.enableIPForwarding) === true;
        groups.set(key, g);
    }
    const nvaByIp = new Map<string, ImportedNva>();
    for (const g of groups.values()) {
        const ips = g.nics.map(n => n.ip);
        const isNva = g.forwarding || ips.some(ip => bgpPeers.has(ip) || routeNextHops.has(ip)) || tagOf(g.owner, g.nics.map(n => n.nic), 'azrs-asn') !== undefined;
        const vnet = g.nics[0].sub.vnet;
        if (isNva) {
            // The NIC that speaks BGP comes first: it is the NVA's default next hop.
            g.nics.sort((a, b) => Number(bgpPeers.has(b.ip)) - Number(bgpPeers.has(a.ip)));
            const nva: ImportedNva = { id: g.owner.id, name: names.take(g.owner.name), nics: g.nics.map(n => ({ id: n.nic.id, name: n.nic.name, ip: n.ip })) };
            const peers = bgpPeers.get(g.nics[0].ip);
            nva.asn = peers?.find(x => x.asn !== undefined)?.asn;
            vnet.nvas.push(nva);
            for (const n of g.nics) { nvaByIp.set(n.ip, nva); map(n.nic, n.nic.type, nva.name); }
            if (g.owner !== g.nics[0].nic && byId.has(idKey(g.owner.id))) map(g.owner, g.owner.type, nva.name);
            applyTags(nva, g.owner, g.nics.map(n => n.nic));
        } else {
            g.nics.forEach((n, i) => {
                const name = names.take(i === 0 ? g.owner.name : `${g.owner.name}-${n.nic.name}`);
                n.sub.vnet.vms.push({ id: g.owner === n.nic ? n.nic.id : g.owner.id, name, ip: n.ip });
                map(n.nic, n.nic.type, name);
            });
            if (g.owner !== g.nics[0].nic && byId.has(idKey(g.owner.id))) map(g.owner, g.owner.type, g.owner.name);
        }
    }
    // A bgpConnection's peer IP on no NIC of the inputs: an NVA of its own, named after the connection, in the VNet whose range holds it.
    for (const [ip, peers] of bgpPeers) {
        if (nvaByIp.has(ip)) continue;
        const sub = [...subnetInfo.values()].find(s => inPrefix(ip, s.prefix));
        const vnet = sub?.vnet ?? vnets.find(v => v.addressSpace.some(p => inPrefix(ip, p)));
        if (!vnet) continue;
        const conn = byId.get(idKey(peers[0].id));
        const nva: ImportedNva = { id: peers[0].id, name: names.take(conn?.name ?? `nva-${ip}`), nics: [{ id: peers[0].id, name: 'nic', ip }], asn: peers.find(x => x.asn !== undefined)?.asn };
        vnet.nvas.push(nva);
        nvaByIp.set(ip, nva);
    }
    // Route next hops that are NVAs are written by name.
    for (const t of routeTables) for (const r of t.routes) {
        const nva = r.nextHop ? nvaByIp.get(r.nextHop) : undefined;
        if (nva && nva.nics[0].ip === r.nextHop) r.nextHop = nva.name;
    }

    // Sites and gateways.
    const sites: ImportedSite[] = [];
    const siteByKey = new Map<string, ImportedSite>();
    const siteFor = (r: ArmResource | undefined, fallbackId: string): ImportedSite => {
        const key = idKey(r?.id ?? fallbackId);
        const known = siteByKey.get(key);
        if (known) return known;
        const site: ImportedSite = { id: r?.id ?? fallbackId, name: names.take(r?.name ?? lastSegment(fallbackId)), prefixes: [] };
        if (r?.type === T.lng) {
            const bgp = isObject(r.properties.bgpSettings) ? r.properties.bgpSettings : undefined;
            site.prefixes = asArray(isObject(r.properties.localNetworkAddressSpace) ? r.properties.localNetworkAddressSpace.addressPrefixes : undefined).map(String).filter(x => !isV6(x));
            site.asn = asInt(bgp?.asn);
            const peer = asString(bgp?.bgpPeeringAddress);
            if (site.asn !== undefined && site.prefixes.every(x => peer && x === `${peer}/32`)) site.gap = `the prefixes site '${site.name}' advertises over BGP (the local network gateway lists only its BGP peer address)`;
        } else if (r?.type === T.circuit) {
            const peering = childrenOf(T.circuitPeering, r.id).find(x => /private/i.test(asString(x.properties.peeringType) ?? x.name)) ?? childrenOf(T.circuitPeering, r.id)[0];
            const inline = asArray(r.properties.peerings).map(propsOf).find(x => /private/i.test(asString(x.peeringType) ?? ''));
            site.asn = asInt(peering?.properties.peerASN ?? peering?.properties.peerAsn ?? inline?.peerASN ?? inline?.peerAsn);
            site.gap = site.asn === undefined
                ? `the peer ASN and the on-premises prefixes behind ExpressRoute circuit '${site.name}' (its private peering is in none of the inputs)`
                : `the on-premises prefixes behind ExpressRoute circuit '${site.name}'`;
        } else {
            site.gap = `site '${site.name}': ${fallbackId} is in none of the inputs`;
        }
        applySiteTags(site, r);
        if (site.prefixes.length === 0 && !site.gap) site.gap = `the prefixes of site '${site.name}'`;
        sites.push(site);
        siteByKey.set(key, site);
        if (r) map(r, r.type, site.name);
        return site;
    };
    const gatewayByKey = new Map<string, ImportedGateway>();
    for (const gw of ofType(T.gateway)) {
        const p = gw.properties;
        const type = asString(p.gatewayType);
        if (type !== 'Vpn' && type !== 'ExpressRoute') { log.skip(gw.id, gw.type, `gatewayType ${type ?? '(none)'} is not modelled`); continue; }
        const sub = asArray(p.ipConfigurations).map(x => subnetOf(refId(propsOf(x).subnet))).find(Boolean);
        if (!sub) { log.skip(gw.id, gw.type, 'its GatewaySubnet is in none of the inputs'); continue; }
        special.add(idKey(sub.id));
        const bgp = isObject(p.bgpSettings) ? p.bgpSettings : {};
        const g: ImportedGateway = {
            id: gw.id, name: names.take(gw.name), type, subnet: sub.prefix, connections: [],
            asn: type === 'Vpn' ? asInt(bgp.asn) : undefined,
            activeActive: type === 'Vpn' ? asBool(p.activeActive) ?? false : undefined,
            nextHopIps: type === 'Vpn' ? asArray(bgp.bgpPeeringAddresses).flatMap(a => asArray(isObject(a) ? a.defaultBgpIpAddresses : undefined).map(String)) : []
        };
        if (g.nextHopIps.length === 0 && type === 'Vpn' && asString(bgp.bgpPeeringAddress)) g.nextHopIps = asString(bgp.bgpPeeringAddress)!.split(',').map(x => x.trim()).filter(Boolean);
        const rt = asString(refId(sub.raw.routeTable)) ?? associations.get(idKey(sub.id));
        if (rt) g.routeTable = rtName.get(idKey(rt));
        sub.vnet.gateways.push(g);
        gatewayByKey.set(idKey(gw.id), g);
        map(gw, gw.type, g.name);
    }
    for (const c of ofType(T.connection)) {
        const p = c.properties;
        const gw = gatewayByKey.get(idKey(refId(p.virtualNetworkGateway1) ?? ''));
        if (!gw) { log.skip(c.id, c.type, 'its virtual network gateway is in none of the inputs'); continue; }
        const lng = refId(p.localNetworkGateway2);
        const circuit = refId(p.peer) ?? (isObject(p.expressRouteCircuitPeering) ? parentId(refId(p.expressRouteCircuitPeering) ?? '') : undefined);
        const other = refId(p.virtualNetworkGateway2);
        if (lng) {
            const site = siteFor(byId.get(idKey(lng)), lng);
            // Without BGP on the connection the site is static, whatever its gateway says.
            if (asBool(p.enableBgp) === false && gw.type === 'Vpn') {
                site.asn = undefined;
                site.gap = undefined;
            }
            gw.connections.push(site.name);
        } else if (circuit) {
            // ExpressRoute always runs BGP; its connections say enableBgp: false (addendum 3).
            gw.connections.push(siteFor(byId.get(idKey(circuit)), circuit).name);
        } else if (other) {
            const peer = gatewayByKey.get(idKey(other));
            if (!peer) { log.skip(c.id, c.type, 'VNet-to-VNet connection to a gateway in none of the inputs'); continue; }
            gw.connections.push(peer.name);
        } else {
            log.skip(c.id, c.type, 'connection without a local network gateway, circuit or peer gateway');
            continue;
        }
        map(c, c.type, gw.name);
    }

    // Azure Firewalls.
    for (const f of ofType(T.firewall)) {
        if (refId(f.properties.virtualHub)) { log.skip(f.id, f.type, 'secured Virtual WAN hub firewall: not modelled'); continue; }
        const cfg = asArray(f.properties.ipConfigurations).map(propsOf).find(c => subnetOf(refId(c.subnet)));
        const sub = cfg ? subnetOf(refId(cfg.subnet)) : undefined;
        const ip = asString(cfg?.privateIPAddress);
        if (!sub || !ip) { log.skip(f.id, f.type, 'no private IP in a known AzureFirewallSubnet (dynamic addresses exist only in a running network)'); continue; }
        special.add(idKey(sub.id));
        sub.vnet.firewalls.push({ id: f.id, name: names.take(f.name), subnet: sub.prefix, ip });
        map(f, f.type, sub.vnet.firewalls[sub.vnet.firewalls.length - 1].name);
    }

    // Ordinary subnets (the RouteServerSubnet, GatewaySubnet and AzureFirewallSubnet are properties of their element).
    for (const s of subnetInfo.values()) {
        if (special.has(idKey(s.id))) { map(s, T.subnet, `${s.vnet.name}/${s.name}`); continue; }
        if (/^(RouteServerSubnet|GatewaySubnet)$/i.test(s.name)) { map(s, T.subnet, `${s.vnet.name}/${s.name}`); continue; }
        if (!s.prefix) continue;
        const rt = refId(s.raw.routeTable) ?? associations.get(idKey(s.id));
        const routeTable = rt ? rtName.get(idKey(rt)) : undefined;
        if (rt && !routeTable) log.skip(rt, T.routeTable, `route table of subnet ${s.vnet.name}/${s.name} is in none of the inputs`);
        s.vnet.subnets.push({ id: s.id, name: new NameBook(s.vnet.subnets.map(x => x.name)).take(s.name), prefix: s.prefix, routeTable });
        map(s, T.subnet, `${s.vnet.name}/${s.name}`);
    }

    // Peerings.
    const peerings: ImportedModel['peerings'] = [];
    for (const v of ofType(T.vnet)) {
        const from = vnetByKey.get(idKey(v.id))!;
        const list = new Map<string, { id: string; p: Record<string, unknown> }>();
        for (const x of asArray(v.properties.virtualNetworkPeerings)) if (isObject(x)) { const id = refId(x) ?? `${v.id}/virtualNetworkPeerings/${x.name}`; list.set(idKey(id), { id, p: propsOf(x) }); }
        for (const c of childrenOf(T.peering, v.id)) list.set(idKey(c.id), { id: c.id, p: { ...(list.get(idKey(c.id))?.p ?? {}), ...c.properties } });
        for (const { id, p } of list.values()) {
            const remote = refId(p.remoteVirtualNetwork);
            const to = remote ? vnetByKey.get(idKey(remote)) : undefined;
            if (!to) { log.skip(id, T.peering, `remote VNet ${remote ?? '(none)'} is in none of the inputs`); continue; }
            peerings.push({
                id, from: from.name, to: to.name,
                allowVirtualNetworkAccess: asBool(p.allowVirtualNetworkAccess) ?? true,
                allowForwardedTraffic: asBool(p.allowForwardedTraffic) ?? false,
                allowGatewayTransit: asBool(p.allowGatewayTransit) ?? false,
                useRemoteGateways: asBool(p.useRemoteGateways) ?? false
            });
            map({ id }, T.peering, `${from.name} -> ${to.name}`);
        }
    }
    // A VNet-level peering resource with no VNet of its own in the inputs.
    for (const c of ofType(T.peering)) if (!vnetByKey.has(idKey(parentId(c.id)))) log.skip(c.id, c.type, 'its VNet is in none of the inputs');

    // Roles.
    for (const v of vnets) {
        if (v.routeServer || v.gateways.length > 0) v.role = 'hub';
        else if (peerings.some(p => p.from === v.name && p.useRemoteGateways)) v.role = 'spoke';
    }

    // BGP sessions with route servers.
    const sessions: ImportedModel['sessions'] = [];
    for (const [ip, peers] of bgpPeers) {
        const nva = nvaByIp.get(ip);
        for (const peer of peers) {
            if (!nva) { log.skip(peer.id, T.bgpConnection, `peer IP ${ip} is on no NIC and in no VNet of the inputs`); continue; }
            if (nva.nics[0].ip !== ip) { log.skip(peer.id, T.bgpConnection, `peer IP ${ip} is not the first NIC of NVA ${nva.name}`); continue; }
            sessions.push({ id: peer.id, nva: nva.name, peer: peer.hub, peerAsn: peer.asn !== undefined && nva.asn !== undefined && peer.asn !== nva.asn ? peer.asn : undefined });
            map({ id: peer.id }, T.bgpConnection, `${nva.name} <-> ${peer.hub}`);
        }
    }

    const used = new Set(mapped.map(m => idKey(m.id)));
    const skipped = new Set(log.skipped.map(s => idKey(s.id)));
    for (const r of all) {
        if (used.has(idKey(r.id)) || CONTEXT_TYPES.has(r.type)) continue;
        if (skipped.has(idKey(r.id))) continue;
        log.skip(r.id, r.type, SKIP_REASONS[r.type] ?? (r.type === T.subnet ? 'subnet without an IPv4 prefix' : 'not a resource azrs models'));
    }
    return { model: { vnets, sites, peerings, sessions, routeTables }, mapped };
}

function tagOf(owner: ArmResource, nics: readonly ArmResource[], tag: string): string | undefined {
    for (const r of [owner, ...nics]) {
        const key = Object.keys(r.tags).find(k => k.toLowerCase() === tag);
        if (key !== undefined) return r.tags[key];
    }
    return undefined;
}

const listTag = (s: string | undefined) => (s === undefined ? undefined : s.split(/[\s,;]+/).filter(Boolean));

/** Tags on the VM or its NICs: `azrs-advertises`, `azrs-asn`, `azrs-next-hop`. */
function applyTags(nva: ImportedNva, owner: ArmResource, nics: readonly ArmResource[]): void {
    const adv = listTag(tagOf(owner, nics, 'azrs-advertises'));
    if (adv) nva.advertises = adv;
    const asn = asInt(tagOf(owner, nics, 'azrs-asn'));
    if (asn !== undefined && nva.asn === undefined) nva.asn = asn;
    const nextHop = tagOf(owner, nics, 'azrs-next-hop');
    if (nextHop) nva.nextHop = nextHop;
}

/** Tags on a local network gateway or circuit: `azrs-prefixes`, `azrs-asn`. */
function applySiteTags(site: ImportedSite, r: ArmResource | undefined): void {
    if (!r) return;
    const prefixes = listTag(tagOf(r, [], 'azrs-prefixes'));
    if (prefixes) { site.prefixes = prefixes; site.gap = undefined; }
    const asn = asInt(tagOf(r, [], 'azrs-asn'));
    if (asn !== undefined) site.asn = asn;
}

/** azrs names: `[A-Za-z_][A-Za-z0-9_-]*`, unique; Azure names may carry dots and repeat across resource groups. */
export class NameBook {
    private readonly used = new Set<string>();
    constructor(taken: readonly string[] = []) { for (const t of taken) this.used.add(t.toLowerCase()); }
    take(azureName: string): string {
        let base = azureName.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+>/g, '-').replace(/^-+|-+$/g, '');
        if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
        let name = base;
        for (let i = 2; this.used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
        this.used.add(name.toLowerCase());
        return name;
    }
}
