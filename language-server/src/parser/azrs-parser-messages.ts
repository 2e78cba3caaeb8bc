import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

/**
 * Keywords may be names, so Chevrotain's default message for a wrong token lists every keyword of
 * the language. These messages name the token found and at most a few that fit instead.
 */
export class AzrsParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describe(options.expected)} but found ${found(options.actual)}.`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        const firsts = unique(options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean));
        return `Unexpected ${found(options.actual[0])}: expected ${summarize(firsts)}${context(options.ruleName)}.`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        const firsts = unique(options.expectedIterationPaths.map(path => path[0]).filter(Boolean));
        return `Unexpected ${found(options.actual[0])}: expected ${summarize(firsts)}${context(options.ruleName)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${found(options.firstRedundant)}: expected an element (onprem, hub, spoke, vnet, peering, bgp, routeTable or intent).`;
    }
}

const NAME_TOKENS = new Set(['ID']);

function unique(types: TokenType[]): TokenType[] {
    return [...new Map(types.map(t => [t.name, t])).values()];
}

function describe(type: TokenType): string {
    if (NAME_TOKENS.has(type.name)) return 'a name';
    if (type.name === 'PREFIX') return 'an IPv4 address or prefix';
    if (type.name === 'INT') return 'a number';
    return `'${keywordText(type)}'`;
}

function keywordText(type: TokenType): string {
    const pattern = type.PATTERN;
    if (typeof pattern === 'string') return pattern;
    return type.name;
}

/** Names are many keywords at once: when a name fits, say "a name" and list only the rest. */
function summarize(types: TokenType[]): string {
    const descriptions = unique(types).map(describe);
    const keywords = descriptions.filter(d => d.startsWith("'"));
    const others = [...new Set(descriptions.filter(d => !d.startsWith("'")))];
    if (others.includes('a name') || keywords.length > 8) {
        const shown = keywords.length > 8 ? [] : keywords;
        return [...new Set(['a name', ...others, ...shown])].join(', ').replace(/, ([^,]*)$/, ' or $1') || 'a name';
    }
    const all = [...keywords, ...others];
    return all.length ? all.join(', ').replace(/, ([^,]*)$/, ' or $1') : 'something else';
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType.name === 'EOF') return 'end of file';
    return `'${token.image}'`;
}

const RULE_CONTEXT: Record<string, string> = {
    OnPrem: ' in an onprem block (asn, prefixes)',
    VNet: ' in a VNet block (addressSpace, region, subnet, routeServer, gateway, nva, vm, firewall)',
    Subnet: ' in a subnet block (prefix, routeTable)',
    RouteServer: ' in a routeServer block (subnet, branchToBranch, hubRoutingPreference)',
    Gateway: ' in a gateway block (type, subnet, connections, asn, activeActive, nextHopIps, routeTable)',
    Nva: ' in an nva block (ip, nic, asn, advertises, nextHop, state, stateful)',
    Nic: ' in a nic block (ip)',
    Firewall: ' in a firewall block (subnet, ip)',
    Intent: ' in an intent block (from, to, via, reachable)',
    Vm: ' in a vm block (ip)',
    Peering: ' in a peering block (allowVirtualNetworkAccess, allowForwardedTraffic, useRemoteGateways, allowGatewayTransit)',
    BgpSession: ' in a bgp block (asOverride, asPathPrepend, multihop, instances, peerAsn)',
    RouteTable: ' in a routeTable block (disableBgpRoutePropagation, route)',
    Route: ' in a route block (prefix, nextHopType, nextHop)',
    HubRoutingPreference: ' (ExpressRoute, VpnGateway or ASPath)',
    GatewayType: ' (ExpressRoute or Vpn)',
    NvaState: ' (up or down)',
    NextHopType: ' (VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None)',
    Boolean: ' (true or false)'
};

function context(ruleName: string): string {
    return RULE_CONTEXT[ruleName] ?? '';
}
