import { Cancellation, interruptAndCheck } from 'langium';

/** Nodes visited between two cancellation checks: a few hundred take well under a millisecond. */
export const CANCELLATION_CHECK_EVERY = 500;

/**
 * Langium's `interruptAndCheck` (yield to the event loop every 10 ms, throw when cancelled), called
 * on every n-th call only. Awaiting it for each of tens of thousands of nodes costs more than the
 * work between the awaits.
 */
export function checkEvery(n: number, cancelToken: Cancellation.CancellationToken): () => Promise<void> | undefined {
    let count = 0;
    return () => (++count % n === 0 ? interruptAndCheck(cancelToken) : undefined);
}
