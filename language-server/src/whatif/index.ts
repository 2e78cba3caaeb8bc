/**
 * What-if analyses over a topology, pure (no Langium, no VS Code): single failures
 * (`azrs failover`, the code lens) and the difference between two versions (`azrs diff`).
 */
export * from './failures.js';
export * from './failover.js';
export * from './failover-text.js';
export * from './flows.js';
export { forwardingWalk } from './flow-walk.js';
export type { LostRoutes } from './lost-routes.js';
export * from './diff.js';
export * from './diff-text.js';
