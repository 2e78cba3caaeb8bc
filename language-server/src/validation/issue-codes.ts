import type { FixEffect } from './fix-effect.js';

/**
 * Every diagnostic code of docs/language.md §3, with its default severity and a one-line title. The CLI's
 * SARIF rules, `docs/rules.md` and the `codeDescription` links all come from this one catalogue.
 */
export namespace IssueCodes {
    // Names and addressing
    export const DuplicateName = 'duplicate-name';
    export const InvalidPrefix = 'invalid-prefix';
    export const PrefixHostBits = 'prefix-host-bits';
    export const AddressSpaceOverlap = 'address-space-overlap';
    export const SubnetOutsideAddressSpace = 'subnet-outside-address-space';
    export const SubnetOverlap = 'subnet-overlap';
    export const IpOutsideAddressSpace = 'ip-outside-address-space';
    export const ReservedIp = 'reserved-ip';
    export const DuplicateIp = 'duplicate-ip';
    // Route tables (docs/language.md §2 element rules; no code is named there)
    export const InvalidRoute = 'invalid-route';
    // Route Server and gateways
    export const RouteServerSubnetTooSmall = 'route-server-subnet-too-small';
    export const MultipleRouteServers = 'multiple-route-servers';
    export const MultipleGateways = 'multiple-gateways';
    export const TooManyBgpPeers = 'too-many-bgp-peers';
    export const RouteLimitExceeded = 'route-limit-exceeded';
    export const VpnGatewayAsn = 'vpn-gateway-asn';
    export const VpnGatewayNotActiveActive = 'vpn-gateway-not-active-active';
    export const BranchToBranchDisabled = 'branch-to-branch-disabled';
    // BGP
    export const ReservedAsn = 'reserved-asn';
    export const AsnOutOfRange = 'asn-out-of-range';
    export const BgpEndpointInvalid = 'bgp-endpoint-invalid';
    export const DuplicateBgpSession = 'duplicate-bgp-session';
    export const BgpPeerNotReachable = 'bgp-peer-not-reachable';
    export const BgpMultihopDisabled = 'bgp-multihop-disabled';
    export const BgpPeerAsnMismatch = 'bgp-peer-asn-mismatch';
    export const BgpSingleInstance = 'bgp-single-instance';
    export const MissingAsOverride = 'missing-as-override';
    export const SameAsnNvas = 'same-asn-nvas';
    // Peering flags
    export const PeeringNotConnected = 'peering-not-connected';
    export const RemoteVnetHasNoGateways = 'remote-vnet-has-no-gateways';
    export const UseRemoteGatewaysWithoutTransit = 'use-remote-gateways-without-transit';
    export const UseRemoteGatewaysWithLocalGateway = 'use-remote-gateways-with-local-gateway';
    export const MultipleUseRemoteGateways = 'multiple-use-remote-gateways';
    export const DualHomedUseRemoteGateways = 'dual-homed-use-remote-gateways';
    export const GatewayTransitWithoutGateway = 'gateway-transit-without-gateway';
    export const ForwardedTrafficBlocked = 'forwarded-traffic-blocked';
    // Routing results
    export const AdvertisedPrefixIgnored = 'advertised-prefix-ignored';
    export const NvaDefaultRouteLoop = 'nva-default-route-loop';
    export const BgpPropagationDisabled = 'bgp-propagation-disabled';
    // v2 elements (docs/language.md §3 "v2: changed and new codes"; validation/v2-element-checks.ts)
    export const RouteTableOnRouteServerSubnet = 'route-table-on-route-server-subnet';
    export const ConnectionNotReciprocal = 'connection-not-reciprocal';
    export const ConnectionInvalid = 'connection-invalid';
    export const ExpressRouteRequiresBgp = 'expressroute-requires-bgp';
    export const FirewallSubnetTooSmall = 'firewall-subnet-too-small';
    export const FirewallIpOutsideSubnet = 'firewall-ip-outside-subnet';
    export const MultipleFirewalls = 'multiple-firewalls';
    // v2: field diagnostics (issue 17)
    export const BgpRouteBypassesUdr = 'bgp-route-bypasses-udr';
    // azrs import (v2)
    export const ImportGap = 'import-gap';
    // Verify against Azure (v2: `azrs verify`, the setting azrs.verify.actualDir)
    export const VerifyRouteMissing = 'verify-route-missing';
    export const VerifyRouteExtra = 'verify-route-extra';
    export const VerifyRouteDifferent = 'verify-route-different';
    export const VerifyLearnedMissing = 'verify-learned-missing';
    export const VerifyLearnedExtra = 'verify-learned-extra';
    // Forwarding (v2, docs/semantics.md §6)
    export const ForwardingLoop = 'forwarding-loop';
    export const AsymmetricPath = 'asymmetric-path';
    export const IntentViolated = 'intent-violated';
}

export type IssueCode = (typeof IssueCodes)[keyof typeof IssueCodes];
export type Severity = 'error' | 'warning' | 'info';

/** Where each code is documented (`codeDescription.href`). */
export const RULES_DOC_URL = 'https://github.com/azrs/azrs/blob/main/docs/rules.md';
export function ruleDocUrl(code: string): string {
    return `${RULES_DOC_URL}#${code}`;
}

/**
 * One rule of the catalogue, after Bicep's `LinterRuleBase` (code, documentation link, default level,
 * fix): the checks take the severity from here (validation/finding.ts), the document validator the
 * link, the code actions (lsp/azrs-code-actions.ts) which codes have a fix and the data it reads,
 * the fix check (validation/fix-check.ts) what each fix does to the topology.
 */
export interface RuleInfo {
    readonly code: IssueCode;
    /** The default severity; two codes have a second, lighter case (noted in `title`). */
    readonly severity: Severity;
    /**
     * The second severity docs/rules.md gives some cases of the code (route-server-subnet-too-small
     * at exactly /27, reserved-asn 65516); a check may report only `severity` or this one.
     */
    readonly secondSeverity?: Severity;
    readonly group: 'Names and addressing' | 'Route Server and gateways' | 'BGP' | 'Peering flags' | 'Routing results'
        | 'Gateways, firewalls and connections' | 'Import' | 'Verify against Azure' | 'Forwarding';
    readonly title: string;
    /** The code's section of docs/rules.md: the diagnostic's `codeDescription.href` and SARIF's `helpUri`. */
    readonly docUrl: string;
    /**
     * The code's quick fix (lsp/azrs-code-actions.ts has a builder for exactly these codes); absent when
     * it has none: `effect` is what it does to the topology (fix-effect.ts; fix-check.ts tries it
     * before it is offered), `data` the keys of the finding's `data` it or its what-if reads (absent
     * when both read the AST and the topology only).
     */
    readonly fix?: QuickFix;
}

/** What a code's quick fix does to the topology, and the finding `data` it reads. */
export interface QuickFix {
    readonly effect: FixEffect;
    readonly data?: readonly string[];
}

interface RuleExtra {
    readonly secondSeverity?: Severity;
    readonly fix?: QuickFix;
}

// The quick fixes' effects that more than one code shares.
const DISABLE_USE_REMOTE_GATEWAYS: QuickFix = { effect: { kind: 'peering', set: { useRemoteGateways: false } } };

const rule = (code: IssueCode, severity: Severity, group: RuleInfo['group'], title: string, extra: RuleExtra = {}): RuleInfo =>
    ({ code, severity, group, title, docUrl: ruleDocUrl(code), ...extra });

export const RULES: readonly RuleInfo[] = [
    rule(IssueCodes.DuplicateName, 'error', 'Names and addressing', 'Two elements share a name where names must be unique'),
    rule(IssueCodes.InvalidPrefix, 'error', 'Names and addressing', 'A prefix or IP literal is malformed'),
    rule(IssueCodes.PrefixHostBits, 'error', 'Names and addressing', 'A prefix has host bits set', { fix: {
        effect: { kind: 'untried', why: 'the topology holds the network with its host bits cleared already (analysis/topology-builder.ts): the fix changes the text only' },
        data: ['normalized']
    } }),
    rule(IssueCodes.AddressSpaceOverlap, 'error', 'Names and addressing', 'Address ranges of one VNet, or of two peered VNets, overlap'),
    rule(IssueCodes.SubnetOutsideAddressSpace, 'error', 'Names and addressing', "A subnet prefix is not inside its VNet's address space"),
    rule(IssueCodes.SubnetOverlap, 'error', 'Names and addressing', 'Two subnets of one VNet overlap'),
    rule(IssueCodes.IpOutsideAddressSpace, 'error', 'Names and addressing', "An NVA or VM IP is outside its VNet's address space"),
    rule(IssueCodes.ReservedIp, 'error', 'Names and addressing', 'An NVA or VM IP is one of the five addresses Azure reserves in its subnet'),
    rule(IssueCodes.DuplicateIp, 'error', 'Names and addressing', 'Two NVAs or VMs of one VNet share an IP'),
    rule(IssueCodes.InvalidRoute, 'error', 'Names and addressing', 'A user-defined route lacks its prefix, next hop type or required nextHop, or has a nextHop it may not have'),
    rule(IssueCodes.RouteServerSubnetTooSmall, 'error', 'Route Server and gateways', 'RouteServerSubnet is smaller than /27 (error) or exactly /27 (warning)', { secondSeverity: 'warning' }),
    rule(IssueCodes.MultipleRouteServers, 'error', 'Route Server and gateways', 'More than one route server in a VNet'),
    rule(IssueCodes.MultipleGateways, 'error', 'Route Server and gateways', 'More than one gateway of the same type in a VNet'),
    rule(IssueCodes.TooManyBgpPeers, 'error', 'Route Server and gateways', 'More than 8 BGP peers on one route server'),
    rule(IssueCodes.RouteLimitExceeded, 'error', 'Route Server and gateways', 'An NVA sends a route server more prefixes than the per-peer limit'),
    rule(IssueCodes.VpnGatewayAsn, 'error', 'Route Server and gateways', 'A Vpn gateway beside a route server has an ASN other than 65515'),
    rule(IssueCodes.VpnGatewayNotActiveActive, 'error', 'Route Server and gateways', 'A Vpn gateway beside a route server is not active-active'),
    rule(IssueCodes.BranchToBranchDisabled, 'info', 'Route Server and gateways', 'Branch-to-branch is off: NVA and on-premises routes are not exchanged'),
    rule(IssueCodes.ReservedAsn, 'error', 'BGP', 'An NVA or on-premises ASN is reserved (65516: warning)', { secondSeverity: 'warning' }),
    rule(IssueCodes.AsnOutOfRange, 'error', 'BGP', 'An ASN is out of range'),
    rule(IssueCodes.BgpEndpointInvalid, 'error', 'BGP', 'A BGP session joins ends that cannot peer'),
    rule(IssueCodes.DuplicateBgpSession, 'error', 'BGP', 'Two sessions between the same two ends'),
    rule(IssueCodes.BgpPeerNotReachable, 'error', 'BGP', 'An NVA peers a route server outside its VNet and directly peered VNets'),
    rule(IssueCodes.BgpMultihopDisabled, 'error', 'BGP', 'multihop is disabled on a session with a route server', { fix: { effect: { kind: 'session', set: { multihop: true } } } }),
    rule(IssueCodes.BgpPeerAsnMismatch, 'error', 'BGP', "peerAsn differs from the NVA's ASN"),
    rule(IssueCodes.BgpSingleInstance, 'warning', 'BGP', 'Only one Route Server instance is peered'),
    rule(IssueCodes.MissingAsOverride, 'warning', 'BGP', 'Routes relayed to a route server carry 65515 and are dropped without as-override', { fix: { effect: { kind: 'session', set: { asOverride: true } } } }),
    rule(IssueCodes.SameAsnNvas, 'warning', 'BGP', 'Two NVAs with the same ASN peer the same route server'),
    rule(IssueCodes.PeeringNotConnected, 'warning', 'Peering flags', 'A peering has no reverse peering and stays Initiated', { fix: { effect: { kind: 'add-reverse-peering' } } }),
    rule(IssueCodes.RemoteVnetHasNoGateways, 'error', 'Peering flags', 'useRemoteGateways toward a VNet with no gateway or route server', { fix: DISABLE_USE_REMOTE_GATEWAYS }),
    rule(IssueCodes.UseRemoteGatewaysWithoutTransit, 'error', 'Peering flags', 'useRemoteGateways while the reverse peering lacks allowGatewayTransit', { fix: {
        // PF-URG (a): transit on the hub's peering when it exists; else the spoke's flag goes.
        effect: { kind: 'reverse-peering', set: { allowGatewayTransit: true }, otherwise: DISABLE_USE_REMOTE_GATEWAYS.effect },
        data: ['reverse']
    } }),
    rule(IssueCodes.UseRemoteGatewaysWithLocalGateway, 'error', 'Peering flags', 'useRemoteGateways on a VNet with its own gateway or route server', { fix: DISABLE_USE_REMOTE_GATEWAYS }),
    rule(IssueCodes.MultipleUseRemoteGateways, 'error', 'Peering flags', 'More than one peering of a VNet sets useRemoteGateways', { fix: DISABLE_USE_REMOTE_GATEWAYS }),
    rule(IssueCodes.DualHomedUseRemoteGateways, 'error', 'Peering flags', 'A dual-homed VNet sets useRemoteGateways', { fix: DISABLE_USE_REMOTE_GATEWAYS }),
    rule(IssueCodes.GatewayTransitWithoutGateway, 'warning', 'Peering flags', 'allowGatewayTransit on a VNet with no gateway or route server'),
    rule(IssueCodes.ForwardedTrafficBlocked, 'warning', 'Peering flags', 'Traffic forwarded by a peered NVA is dropped: allowForwardedTraffic is off'),
    rule(IssueCodes.AdvertisedPrefixIgnored, 'warning', 'Routing results', 'Route Server ignores an advertised prefix equal to or inside a VNet range'),
    rule(IssueCodes.NvaDefaultRouteLoop, 'warning', 'Routing results', 'An NVA receives its own default route back'),
    rule(IssueCodes.BgpPropagationDisabled, 'info', 'Routing results', 'disableBgpRoutePropagation removes BGP routes from subnets'),
    // v2: field diagnostics (issue 17)
    rule(IssueCodes.BgpRouteBypassesUdr, 'warning', 'Routing results', 'A more specific BGP route takes traffic around the NVA or firewall a user route sends it to'),
    // v2 elements
    rule(IssueCodes.RouteTableOnRouteServerSubnet, 'error', 'Gateways, firewalls and connections', 'A route table is associated with a RouteServerSubnet', { fix: { effect: { kind: 'remove-route-table' } } }),
    rule(IssueCodes.ConnectionNotReciprocal, 'warning', 'Gateways, firewalls and connections', 'A VNet-to-VNet connection is listed by one gateway only', { fix: { effect: { kind: 'add-reverse-connection' }, data: ['gateway'] } }),
    rule(IssueCodes.ConnectionInvalid, 'error', 'Gateways, firewalls and connections', 'A gateway connects itself, or a gateway that is not a Vpn gateway'),
    rule(IssueCodes.ExpressRouteRequiresBgp, 'error', 'Gateways, firewalls and connections', 'An ExpressRoute gateway connects a site without asn'),
    rule(IssueCodes.FirewallSubnetTooSmall, 'error', 'Gateways, firewalls and connections', "A firewall's AzureFirewallSubnet is smaller than /26", { fix: { effect: { kind: 'set-firewall-subnet' }, data: ['normalized'] } }),
    rule(IssueCodes.FirewallIpOutsideSubnet, 'error', 'Gateways, firewalls and connections', "A firewall's ip is outside its AzureFirewallSubnet"),
    rule(IssueCodes.MultipleFirewalls, 'error', 'Gateways, firewalls and connections', 'More than one firewall in a VNet'),
    // azrs import (v2)
    rule(IssueCodes.ImportGap, 'info', 'Import', 'A fact the imported sources did not hold was left to its default'),
    // Verify against Azure: found by comparing with Azure's outputs, not by `azrs check`.
    rule(IssueCodes.VerifyRouteMissing, 'warning', 'Verify against Azure', "Azure's effective routes have a row azrs lacks"),
    rule(IssueCodes.VerifyRouteExtra, 'warning', 'Verify against Azure', "azrs has an effective route Azure's table lacks"),
    rule(IssueCodes.VerifyRouteDifferent, 'warning', 'Verify against Azure', 'An effective route differs from Azure in state, next hop type or next hop IPs'),
    rule(IssueCodes.VerifyLearnedMissing, 'warning', 'Verify against Azure', "A route server's or gateway's routes from Azure hold a route azrs lacks"),
    rule(IssueCodes.VerifyLearnedExtra, 'warning', 'Verify against Azure', "azrs has a learned or advertised route Azure's list lacks"),
    // Forwarding (v2, docs/semantics.md §6)
    rule(IssueCodes.ForwardingLoop, 'warning', 'Forwarding', 'A path between a VM and an on-premises prefix visits a device twice'),
    rule(IssueCodes.AsymmetricPath, 'warning', 'Forwarding', 'A stateful NVA sees only one direction of a VM to on-premises flow'),
    rule(IssueCodes.IntentViolated, 'error', 'Forwarding', 'A reachability intent does not hold')
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map(r => [r.code, r]));

/** The catalogue's entry for a code; every IssueCode has one. */
export function ruleOf(code: IssueCode): RuleInfo {
    const info = RULES_BY_CODE.get(code);
    if (!info) throw new Error(`azrs: no catalogue entry for the code '${code}' (validation/issue-codes.ts)`);
    return info;
}
