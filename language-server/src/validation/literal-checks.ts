import type { AstNode, ValidationAcceptor } from 'langium';
import type * as ast from '../generated/ast.js';
import { parseAddress, parsePrefix } from '../model/prefix.js';
import { modelNodes } from '../references/model-walk.js';
import { IssueCodes, ruleOf } from './issue-codes.js';

/** Properties that hold prefixes and addresses, per AST type. */
const PREFIX_PROPERTIES: Record<string, string[]> = {
    OnPrem: ['prefixes'], VNet: ['addressSpace'], Subnet: ['prefix'], RouteServer: ['subnet'], Gateway: ['subnet'],
    Nva: ['advertises'], Route: ['prefix'], Firewall: ['subnet']
};
const ADDRESS_PROPERTIES: Record<string, string[]> = {
    Nva: ['ip', 'nextHop'], Vm: ['ip'], Route: ['nextHopIp'],
    // v2
    Nic: ['ip'], Firewall: ['ip'], Gateway: ['nextHopIps'], Intent: ['toAddress']
};

/**
 * invalid-prefix and prefix-host-bits on every literal as written (docs/language.md §3). IPv6 literals
 * are already rejected by the lexer with their own message.
 */
export function checkLiterals(model: ast.Model, accept: ValidationAcceptor): void {
    for (const node of modelNodes(model)) {
        for (const property of PREFIX_PROPERTIES[node.$type] ?? []) {
            forEachValue(node, property, (text, index) => {
                if (text.includes(':')) return;
                const parsed = parsePrefix(text);
                if (parsed.ok) return;
                if (parsed.reason === 'host-bits') {
                    accept(ruleOf(IssueCodes.PrefixHostBits).severity, `Prefix ${text} has host bits set; write ${parsed.normalized.text}.`, {
                        node, property: property as never, index, code: IssueCodes.PrefixHostBits,
                        data: { code: IssueCodes.PrefixHostBits, normalized: parsed.normalized.text }
                    });
                } else {
                    accept(ruleOf(IssueCodes.InvalidPrefix).severity, parsed.message, { node, property: property as never, index, code: IssueCodes.InvalidPrefix, data: { code: IssueCodes.InvalidPrefix } });
                }
            });
        }
        for (const property of ADDRESS_PROPERTIES[node.$type] ?? []) {
            forEachValue(node, property, (text, index) => {
                if (text.includes(':')) return;
                const parsed = parseAddress(text);
                if (!parsed.ok) {
                    accept(ruleOf(IssueCodes.InvalidPrefix).severity, parsed.message, { node, property: property as never, index, code: IssueCodes.InvalidPrefix, data: { code: IssueCodes.InvalidPrefix } });
                }
            });
        }
    }
}

function forEachValue(node: AstNode, property: string, fn: (text: string, index: number | undefined) => void): void {
    const value = (node as unknown as Record<string, unknown>)[property];
    if (typeof value === 'string') fn(value, undefined);
    else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && fn(v, i));
}
