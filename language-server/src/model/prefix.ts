import { Validator } from 'ip-num';
import type { Prefix } from './topology.js';

/** Addresses and prefixes: parsed with ip-num once, then kept as 32-bit numbers. */

export type PrefixParse =
    | { ok: true; prefix: Prefix }
    | { ok: false; reason: 'invalid'; message: string }
    | { ok: false; reason: 'host-bits'; normalized: Prefix; message: string };

export type AddressParse =
    | { ok: true; address: number }
    | { ok: false; message: string };

/** Memoises a parser of literals: a landing zone repeats the same texts across files and builds. */
function memoised<R>(parse: (text: string) => R): (text: string) => R {
    const cache = new Map<string, R>();
    return text => {
        let result = cache.get(text);
        if (result === undefined) {
            if (cache.size > 100_000) cache.clear();
            result = parse(text);
            cache.set(text, result);
        }
        return result;
    };
}

export function formatAddress(address: number): string {
    return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

export function makePrefix(network: number, length: number): Prefix {
    const size = length === 0 ? 2 ** 32 : 2 ** (32 - length);
    const net = length === 0 ? 0 : Math.floor((network >>> 0) / size) * size;
    return { text: `${formatAddress(net)}/${length}`, network: net, length, first: net, last: net + size - 1 };
}

/** Parses `a.b.c.d/n`. Host bits set give `host-bits` with the normalised prefix. */
export const parsePrefix: (text: string) => PrefixParse = memoised(parsePrefixUncached);

function parsePrefixUncached(text: string): PrefixParse {
    if (text.includes(':')) {
        return { ok: false, reason: 'invalid', message: `'${text}' is an IPv6 prefix; azrs v1 supports IPv4 only.` };
    }
    const slash = text.indexOf('/');
    if (slash < 0) {
        return { ok: false, reason: 'invalid', message: `'${text}' is not a prefix: write it as address/length, e.g. 10.1.0.0/16.` };
    }
    const addressText = text.slice(0, slash);
    const lengthText = text.slice(slash + 1);
    const address = parseAddress(addressText);
    if (!address.ok) {
        return { ok: false, reason: 'invalid', message: address.message.replace(/^'[^']*'/, `'${text}'`) };
    }
    if (!/^[0-9]{1,2}$/.test(lengthText) || Number(lengthText) > 32) {
        return { ok: false, reason: 'invalid', message: `'${text}' has an invalid prefix length '${lengthText}': it must be 0 to 32.` };
    }
    // The address passed ip-num's validation in parseAddress and the length is 0 to 32, so the
    // prefix is valid; its network is the address with the host bits cleared.
    const length = Number(lengthText);
    const prefix = makePrefix(address.address, length);
    if (prefix.network !== address.address) {
        return { ok: false, reason: 'host-bits', normalized: prefix, message: `'${text}' has host bits set; the network is ${prefix.text}.` };
    }
    return { ok: true, prefix };
}

/** Parses a dotted-quad IPv4 address. */
export const parseAddress: (text: string) => AddressParse = memoised(parseAddressUncached);

function parseAddressUncached(text: string): AddressParse {
    if (text.includes(':')) {
        return { ok: false, message: `'${text}' is an IPv6 address; azrs v1 supports IPv4 only.` };
    }
    if (text.includes('/')) {
        return { ok: false, message: `'${text}' is a prefix where an address is expected: write the address alone, e.g. 10.1.2.4.` };
    }
    const parts = text.split('.');
    if (parts.length !== 4 || parts.some(p => !/^[0-9]{1,3}$/.test(p))) {
        return { ok: false, message: `'${text}' is not an IPv4 address: it needs four numbers from 0 to 255, e.g. 10.1.2.4.` };
    }
    const bad = parts.find(p => Number(p) > 255);
    if (bad !== undefined) {
        return { ok: false, message: `'${text}' is not an IPv4 address: octet ${bad} is greater than 255.` };
    }
    const [valid] = Validator.isValidIPv4String(text);
    if (!valid) {
        return { ok: false, message: `'${text}' is not a valid IPv4 address.` };
    }
    return { ok: true, address: ((Number(parts[0]) << 24) >>> 0) + (Number(parts[1]) << 16) + (Number(parts[2]) << 8) + Number(parts[3]) };
}

/** `inner` lies within `outer` (equal included). */
export function containsPrefix(outer: Prefix, inner: Prefix): boolean {
    return outer.length <= inner.length && inner.first >= outer.first && inner.last <= outer.last;
}

export function containsAddress(prefix: Prefix, address: number): boolean {
    return address >= prefix.first && address <= prefix.last;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
    return a.first <= b.last && b.first <= a.last;
}

/** Orders prefixes by address, then length (docs/semantics.md §4 row order). */
export function comparePrefixes(a: Prefix, b: Prefix): number {
    return a.network - b.network || a.length - b.length;
}
