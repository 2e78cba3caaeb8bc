/**
 * Binary search over a sorted sequence, shared by the route engine (hidden system ranges), the
 * forwarding flows (site prefixes), the what-if (overlapping ranges), the source references (CST
 * leaves) and the diagram's hop router (grid lines).
 *
 * @param length how many items the sequence holds
 * @param before whether item `i` comes before the point sought; true for a prefix of the indices,
 *   false for the rest (the sequence is sorted for it)
 * @returns the first index for which `before` is false, or `length` when there is none
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
    let lo = 0, hi = length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(mid)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}
