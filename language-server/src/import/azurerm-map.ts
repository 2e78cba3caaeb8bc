import type { ArmResource, ImportLog } from './resources.js';
import { asArray, isObject, lastSegment } from './resources.js';

/**
 * Maps azurerm (and azapi) Terraform resources back to ARM resources, attribute by attribute
 * (research/import-verify.md §1 mapping table; azurerm 3.x, 4.x and 5.x spellings:
 * `enable_ip_forwarding`/`ip_forwarding_enabled`, `enable_bgp`/`bgp_enabled`,
 * `disable_bgp_route_propagation`/`bgp_route_propagation_enabled` (inverted), `address_prefix`/
 * `address_prefixes`). `values` is one resource's attributes as `terraform show -json` or
 * hcl2json gives them: nested blocks are arrays of objects; azurerm 5.x writes unset strings as "".
 */
export interface TfResource {
    readonly type: string;
    readonly address: string;
    readonly values: Record<string, unknown>;
    readonly file: string;
}

/** Builds the id of a resource whose state or configuration gives none (HCL): from its names. */
export type IdOf = (armType: string, name: string, rg: string, parent?: string) => string;

const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const block = (v: unknown): Record<string, unknown> => (isObject(asArray(v)[0]) ? (asArray(v)[0] as Record<string, unknown>) : {});
const blocks = (v: unknown): Record<string, unknown>[] => asArray(v).filter(isObject);
const ref = (v: unknown) => (s(v) ? { id: s(v) } : undefined);
const firstDefined = (...vs: unknown[]) => vs.find(v => v !== undefined && v !== null && v !== '');

function prefixesOf(v: Record<string, unknown>): Record<string, unknown> {
    const list = asArray(v.address_prefixes).filter(x => typeof x === 'string');
    if (list.length > 0) return list.length === 1 ? { addressPrefix: list[0] } : { addressPrefixes: list };
    return s(v.address_prefix) ? { addressPrefix: v.address_prefix } : {};
}

function routeProps(r: Record<string, unknown>): Record<string, unknown> {
    return { addressPrefix: s(r.address_prefix), nextHopType: s(r.next_hop_type), nextHopIpAddress: s(r.next_hop_in_ip_address) };
}

/** The ARM resources one azurerm/azapi resource stands for; unknown types are logged as skipped. */
export function mapTerraformResource(tf: TfResource, idOf: IdOf, log: ImportLog): ArmResource[] {
    const v = tf.values;
    const rg = s(v.resource_group_name) ?? 'rg';
    const name = s(v.name) ?? tf.address.split('.').pop()!;
    const out: ArmResource[] = [];
    const add = (armType: string, id: string, properties: Record<string, unknown>, extra: { location?: string; name?: string } = {}) => {
        const tags: Record<string, string> = {};
        if (isObject(v.tags)) for (const [k, t] of Object.entries(v.tags)) if (typeof t === 'string') tags[k] = t;
        const clean: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(properties)) if (x !== undefined) clean[k] = x;
        out.push({ type: armType.toLowerCase(), name: extra.name ?? lastSegment(id), id, location: extra.location ?? s(v.location), properties: clean, tags, source: { file: tf.file, path: tf.address } });
    };
    const own = (armType: string, parent?: string) => s(v.id) ?? idOf(armType, name, rg, parent);
    switch (tf.type) {
        case 'azurerm_virtual_network': {
            const id = own('Microsoft.Network/virtualNetworks');
            add('Microsoft.Network/virtualNetworks', id, {
                addressSpace: { addressPrefixes: asArray(v.address_space) },
                subnets: blocks(v.subnet).map(sn => ({ id: s(sn.id) ?? `${id}/subnets/${s(sn.name)}`, name: s(sn.name), properties: { ...prefixesOf(sn), routeTable: ref(sn.route_table_id) } }))
            });
            break;
        }
        case 'azurerm_subnet': {
            const vnetId = idOf('Microsoft.Network/virtualNetworks', s(v.virtual_network_name) ?? '', rg);
            add('Microsoft.Network/virtualNetworks/subnets', s(v.id) ?? `${vnetId}/subnets/${name}`, { ...prefixesOf(v), routeTable: ref(v.route_table_id) });
            break;
        }
        case 'azurerm_subnet_route_table_association':
            add('azrs/subnetRouteTableAssociation', s(v.id) ?? `${s(v.subnet_id)}#routeTable`, { subnet: ref(v.subnet_id), routeTable: ref(v.route_table_id) }, { name: tf.address });
            break;
        case 'azurerm_virtual_network_peering': {
            const vnetId = idOf('Microsoft.Network/virtualNetworks', s(v.virtual_network_name) ?? '', rg);
            add('Microsoft.Network/virtualNetworks/virtualNetworkPeerings', s(v.id) ?? `${vnetId}/virtualNetworkPeerings/${name}`, {
                remoteVirtualNetwork: ref(v.remote_virtual_network_id),
                allowVirtualNetworkAccess: v.allow_virtual_network_access ?? true,
                allowForwardedTraffic: v.allow_forwarded_traffic ?? false,
                allowGatewayTransit: v.allow_gateway_transit ?? false,
                useRemoteGateways: v.use_remote_gateways ?? false
            });
            break;
        }
        case 'azurerm_route_server': {
            const id = own('Microsoft.Network/virtualHubs');
            add('Microsoft.Network/virtualHubs', id, {
                kind: 'RouteServer', sku: s(v.sku),
                virtualRouterAsn: v.virtual_router_asn, virtualRouterIps: v.virtual_router_ips,
                allowBranchToBranchTraffic: firstDefined(v.branch_to_branch_traffic_enabled, v.branch_to_branch_traffic) ?? false,
                hubRoutingPreference: s(v.hub_routing_preference)
            });
            if (s(v.subnet_id)) add('Microsoft.Network/virtualHubs/ipConfigurations', `${id}/ipConfigurations/ipconfig1`, { subnet: ref(v.subnet_id) });
            break;
        }
        case 'azurerm_virtual_hub': {
            add('Microsoft.Network/virtualHubs', own('Microsoft.Network/virtualHubs'), {
                virtualWan: ref(v.virtual_wan_id), addressPrefix: s(v.address_prefix), sku: s(v.sku),
                hubRoutingPreference: s(v.hub_routing_preference)
            });
            break;
        }
        case 'azurerm_virtual_hub_ip':
            add('Microsoft.Network/virtualHubs/ipConfigurations', s(v.id) ?? `${s(v.virtual_hub_id)}/ipConfigurations/${name}`, { subnet: ref(v.subnet_id), privateIPAddress: s(v.private_ip_address) });
            break;
        case 'azurerm_route_server_bgp_connection':
        case 'azurerm_virtual_hub_bgp_connection': {
            const hub = s(v.route_server_id) ?? s(v.virtual_hub_id) ?? '';
            add('Microsoft.Network/virtualHubs/bgpConnections', s(v.id) ?? `${hub}/bgpConnections/${name}`, { peerIp: s(v.peer_ip), peerAsn: v.peer_asn });
            break;
        }
        case 'azurerm_network_interface':
            add('Microsoft.Network/networkInterfaces', own('Microsoft.Network/networkInterfaces'), {
                enableIPForwarding: firstDefined(v.ip_forwarding_enabled, v.enable_ip_forwarding) ?? false,
                virtualMachine: ref(v.virtual_machine_id),
                ipConfigurations: blocks(v.ip_configuration).map(c => ({
                    name: s(c.name),
                    properties: { privateIPAddress: s(c.private_ip_address), subnet: ref(c.subnet_id), primary: c.primary, privateIPAddressVersion: s(c.private_ip_address_version) }
                }))
            });
            break;
        case 'azurerm_linux_virtual_machine':
        case 'azurerm_windows_virtual_machine':
        case 'azurerm_virtual_machine': {
            const nics = [...asArray(v.network_interface_ids), s(v.primary_network_interface_id)].filter((x): x is string => typeof x === 'string' && x !== '');
            add('Microsoft.Compute/virtualMachines', own('Microsoft.Compute/virtualMachines'), {
                networkProfile: { networkInterfaces: [...new Set(nics)].map(id => ({ id })) }
            });
            break;
        }
        case 'azurerm_virtual_network_gateway': {
            const bgp = block(v.bgp_settings);
            add('Microsoft.Network/virtualNetworkGateways', own('Microsoft.Network/virtualNetworkGateways'), {
                gatewayType: s(v.type), vpnType: s(v.vpn_type), activeActive: v.active_active ?? false,
                enableBgp: firstDefined(v.bgp_enabled, v.enable_bgp) ?? false,
                bgpSettings: bgp.asn === undefined && blocks(bgp.peering_addresses).length === 0 ? undefined : {
                    asn: bgp.asn,
                    bgpPeeringAddresses: blocks(bgp.peering_addresses).map(p => ({ defaultBgpIpAddresses: asArray(p.default_addresses), customBgpIpAddresses: asArray(p.apipa_addresses) }))
                },
                ipConfigurations: blocks(v.ip_configuration).map(c => ({ name: s(c.name), properties: { subnet: ref(c.subnet_id) } }))
            });
            break;
        }
        case 'azurerm_virtual_network_gateway_connection':
            add('Microsoft.Network/connections', own('Microsoft.Network/connections'), {
                connectionType: s(v.type),
                virtualNetworkGateway1: ref(v.virtual_network_gateway_id),
                localNetworkGateway2: ref(v.local_network_gateway_id),
                virtualNetworkGateway2: ref(v.peer_virtual_network_gateway_id),
                peer: ref(v.express_route_circuit_id),
                enableBgp: firstDefined(v.bgp_enabled, v.enable_bgp) ?? false
            });
            break;
        case 'azurerm_local_network_gateway': {
            const bgp = block(v.bgp_settings);
            add('Microsoft.Network/localNetworkGateways', own('Microsoft.Network/localNetworkGateways'), {
                localNetworkAddressSpace: { addressPrefixes: asArray(v.address_space) },
                gatewayIpAddress: s(v.gateway_address),
                bgpSettings: bgp.asn === undefined ? undefined : { asn: bgp.asn, bgpPeeringAddress: s(bgp.bgp_peering_address) }
            });
            break;
        }
        case 'azurerm_express_route_circuit':
            add('Microsoft.Network/expressRouteCircuits', own('Microsoft.Network/expressRouteCircuits'), { serviceProviderProperties: { serviceProviderName: s(v.service_provider_name) } });
            break;
        case 'azurerm_express_route_circuit_peering': {
            const circuit = idOf('Microsoft.Network/expressRouteCircuits', s(v.express_route_circuit_name) ?? '', rg);
            add('Microsoft.Network/expressRouteCircuits/peerings', s(v.id) ?? `${circuit}/peerings/${s(v.peering_type) ?? name}`, { peeringType: s(v.peering_type), peerASN: v.peer_asn });
            break;
        }
        case 'azurerm_route_table':
            add('Microsoft.Network/routeTables', own('Microsoft.Network/routeTables'), {
                disableBgpRoutePropagation: v.bgp_route_propagation_enabled === false || v.disable_bgp_route_propagation === true,
                routes: blocks(v.route).map(r => ({ name: s(r.name), properties: routeProps(r) }))
            });
            break;
        case 'azurerm_route': {
            const table = idOf('Microsoft.Network/routeTables', s(v.route_table_name) ?? '', rg);
            add('Microsoft.Network/routeTables/routes', s(v.id) ?? `${table}/routes/${name}`, routeProps(v));
            break;
        }
        case 'azurerm_firewall':
            add('Microsoft.Network/azureFirewalls', own('Microsoft.Network/azureFirewalls'), {
                ipConfigurations: blocks(v.ip_configuration).map(c => ({ name: s(c.name), properties: { privateIPAddress: s(c.private_ip_address), subnet: ref(c.subnet_id) } }))
            });
            break;
        case 'azapi_resource': {
            const full = s(v.type) ?? '';
            const armType = full.split('@')[0];
            let body: unknown = v.body;
            if (typeof body === 'string') { try { body = JSON.parse(body); } catch { body = {}; } }
            const parent = s(v.parent_id) ?? '';
            const typeParts = armType.split('/');
            const id = s(v.id) ?? (typeParts.length > 2 ? `${parent}/${typeParts[typeParts.length - 1]}/${name}` : `${parent}/providers/${armType}/${name}`);
            add(armType, id, isObject(body) && isObject(body.properties) ? body.properties : {});
            break;
        }
        default:
            log.skip(tf.address, tf.type, tf.type.startsWith('azurerm_') || tf.type.startsWith('azapi_') ? 'not a resource azrs models' : 'not an Azure resource');
    }
    return out;
}

/** Ids for resources written without one (HCL): the ARM id their names would give. */
export const syntheticId: IdOf = (armType, name, rg, parent) =>
    parent ? `${parent}/${armType.split('/').pop()}/${name}` : `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/${armType}/${name}`;

