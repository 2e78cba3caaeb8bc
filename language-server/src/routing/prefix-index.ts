import type { Prefix } from '../model/topology.js';

/**
 * Prefix keys and an index of prefixes by length, so that "is this prefix inside one of these
 * ranges" costs one hash lookup per distinct range length instead of a scan over every VNet.
 */

/** A number that orders like `comparePrefixes` (address, then length) and identifies a prefix. */
export function prefixKey(prefix: Prefix): number {
    return prefix.network * 64 + prefix.length;
}

function networkOf(address: number, length: number): number {
    return length === 0 ? 0 : ((address >>> (32 - length)) << (32 - length)) >>> 0;
}

export interface IndexEntry<T> {
    readonly prefix: Prefix;
    readonly value: T;
}

export class PrefixIndex<T> {
    private readonly byLength = new Map<number, Map<number, IndexEntry<T>>>();
    /** Distinct lengths, ascending. */
    private lengths: number[] = [];
    /** The level of each of `lengths`, longest first: the walk's hot loop reads one map per length. */
    private levelsLongestFirst: Array<{ readonly length: number; readonly level: Map<number, IndexEntry<T>> }> = [];

    /** Adds a prefix; the first value added for a prefix is kept. */
    add(prefix: Prefix, value: T): void {
        let level = this.byLength.get(prefix.length);
        if (!level) {
            level = new Map();
            this.byLength.set(prefix.length, level);
            this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
            this.levelsLongestFirst = [...this.lengths].reverse().map(length => ({ length, level: this.byLength.get(length)! }));
        }
        if (!level.has(prefix.network)) level.set(prefix.network, { prefix, value });
    }

    get size(): number {
        let n = 0;
        for (const level of this.byLength.values()) n += level.size;
        return n;
    }

    /** The shortest indexed prefix that equals or contains `prefix`. */
    covering(prefix: Prefix): IndexEntry<T> | undefined {
        for (const length of this.lengths) {
            if (length > prefix.length) break;
            const hit = this.byLength.get(length)!.get(networkOf(prefix.network, length));
            if (hit) return hit;
        }
        return undefined;
    }

    /** The longest indexed prefix that contains `address`. */
    longestMatch(address: number): IndexEntry<T> | undefined {
        const a = address >>> 0;
        for (const { length, level } of this.levelsLongestFirst) {
            const hit = level.get(networkOf(a, length));
            if (hit) return hit;
        }
        return undefined;
    }
}
