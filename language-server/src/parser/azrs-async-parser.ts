import type { AstNode, LangiumCoreServices, LangiumParser, ParseResult } from 'langium';
import { Cancellation, delayNextTick, OperationCancelled } from 'langium';

/** Small documents parse in a few milliseconds: no turn for them. */
const YIELD_ABOVE_CHARS = 10_000;

/**
 * Parses on the main thread like Langium's default, after giving the event loop one turn and
 * checking for cancellation. The JSON-RPC connection dispatches one incoming message per turn, so
 * when a burst of `didChange` notifications is queued behind a build, the turn lets the next one
 * through to cancel this build before it spends its largest step (a full parse of a large file) on
 * a version that is already stale.
 */
export class AzrsAsyncParser {
    private readonly parser: LangiumParser;

    constructor(services: LangiumCoreServices) {
        this.parser = services.parser.LangiumParser;
    }

    async parse<T extends AstNode>(text: string, cancelToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        if (cancelToken !== Cancellation.CancellationToken.None && text.length > YIELD_ABOVE_CHARS) {
            await delayNextTick();
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
        }
        return this.parser.parse<T>(text);
    }
}
