import type { AstNode } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

const NAMED_TYPES: Record<string, string> = {
    OnPrem: SemanticTokenTypes.namespace, VNet: SemanticTokenTypes.namespace, Subnet: SemanticTokenTypes.struct,
    RouteServer: SemanticTokenTypes.class, Gateway: SemanticTokenTypes.class, Nva: SemanticTokenTypes.class,
    Vm: SemanticTokenTypes.variable, RouteTable: SemanticTokenTypes.type, Route: SemanticTokenTypes.property,
    Firewall: SemanticTokenTypes.class, Nic: SemanticTokenTypes.variable, Intent: SemanticTokenTypes.function
};

const ENUM_PROPERTIES = ['role', 'type', 'hubRoutingPreference', 'state', 'nextHopType'];
const LITERAL_PROPERTIES = ['prefixes', 'addressSpace', 'prefix', 'subnet', 'ip', 'advertises', 'nextHop', 'nextHopIp', 'asn', 'peerAsn', 'asPathPrepend', 'instances',
    'nextHopIps', 'toAddress'];

/** Names, references, enum values and address literals; keywords as names are coloured as names. */
export class AzrsSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const type = NAMED_TYPES[node.$type];
        if (type && 'name' in node) {
            acceptor({ node, property: 'name' as never, type, modifier: SemanticTokenModifiers.declaration });
        }
        if (ast.isPeering(node)) {
            acceptor({ node, property: 'from', type: SemanticTokenTypes.namespace });
            acceptor({ node, property: 'to', type: SemanticTokenTypes.namespace });
        } else if (ast.isBgpSession(node)) {
            acceptor({ node, property: 'left', type: SemanticTokenTypes.class });
            acceptor({ node, property: 'right', type: SemanticTokenTypes.class });
        } else if (ast.isGateway(node)) {
            node.connections.forEach((_, index) => acceptor({ node, property: 'connections', index, type: SemanticTokenTypes.namespace }));
            if (node.routeTable) acceptor({ node, property: 'routeTable', type: SemanticTokenTypes.type });
        } else if (ast.isIntent(node)) {
            if (node.from) acceptor({ node, property: 'from', type: SemanticTokenTypes.variable });
            if (node.to) acceptor({ node, property: 'to', type: SemanticTokenTypes.variable });
            node.via.forEach((_, index) => acceptor({ node, property: 'via', index, type: SemanticTokenTypes.class }));
        } else if (ast.isSubnet(node) && node.routeTable) {
            acceptor({ node, property: 'routeTable', type: SemanticTokenTypes.type });
        } else if (ast.isRoute(node) && node.nextHop) {
            acceptor({ node, property: 'nextHop', type: SemanticTokenTypes.class });
        }
        for (const property of ENUM_PROPERTIES) {
            if (property !== 'role' && (node as unknown as Record<string, unknown>)[property] !== undefined && typeof (node as unknown as Record<string, unknown>)[property] === 'string') {
                acceptor({ node, property: property as never, type: SemanticTokenTypes.enumMember });
            }
        }
        for (const property of LITERAL_PROPERTIES) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value === 'string' || typeof value === 'number') {
                acceptor({ node, property: property as never, type: SemanticTokenTypes.number });
            } else if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
                value.forEach((_, index) => acceptor({ node, property: property as never, index, type: SemanticTokenTypes.number }));
            }
        }
    }
}
