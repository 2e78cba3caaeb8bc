/**
 * The analysis settings and their defaults, one copy shared by the engine, the language server
 * (the `azrs.limits.routesPerPeer` setting) and the CLI (`--routes-per-peer`). package.json's
 * setting default repeats DEFAULT_ROUTES_PER_PEER because VS Code reads it from there.
 */

/** LIM-ROUTES-PER-PEER: the conservative documented value (the 2025 FAQ says 4,000). */
export const DEFAULT_ROUTES_PER_PEER = 1000;
/** Non-convergence cut-off of the route engine, in propagation rounds. */
export const DEFAULT_MAX_ROUNDS = 300;

/** The user's settings that change what the checks and the engine compute. */
export interface AnalysisSettings {
    /** LIM-ROUTES-PER-PEER: default DEFAULT_ROUTES_PER_PEER (the FAQ of 09/2025 says 4000). */
    routesPerPeer: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { routesPerPeer: DEFAULT_ROUTES_PER_PEER };
