/**
 * The orderings the engine and the views sort by, so that the same topology gives the same output
 * whatever the order of its elements. By UTF-16 code unit, not locale: the same on every machine.
 */

/** Orders strings by code unit (`localeCompare` would depend on the machine's locale). */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders named elements by name, as `compareText`. */
export function byName(a: { name: string }, b: { name: string }): number {
    return compareText(a.name, b.name);
}
