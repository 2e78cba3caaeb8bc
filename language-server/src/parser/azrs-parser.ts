import type { AstNode, LangiumCoreServices, LangiumParser, ParseResult } from 'langium';
import { createLangiumParser } from 'langium';

type RecognitionError = ParseResult['parserErrors'][number];

/** At most this many of the errors recorded before the overflow are reported. */
const MAX_REPORTED_ERRORS = 100;

/**
 * Langium's parser, with a way out of one failure of chevrotain's error recovery: after each
 * re-synchronisation inside a repetition it calls the repetition again, one stack frame deeper, so
 * a block with thousands of errors (a fuzzed `routeTable t { route r {` a thousand times) overflows
 * the stack. The build then gets the errors recorded until then, one more that says the rest was
 * not read, and an empty model, instead of failing.
 */
export function createAzrsParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const parse = parser.parse.bind(parser);
    const internals = parser as unknown as { wrapper: { errors: RecognitionError[] }; stack: unknown[] };
    parser.parse = (<T extends AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        try {
            return parse<T>(input, options);
        } catch (e) {
            if (!(e instanceof RangeError)) throw e;
            const recorded = internals.wrapper.errors.slice(0, MAX_REPORTED_ERRORS);
            const last = recorded.at(-1);
            internals.stack.length = 0;
            const empty = parse<T>('', options);
            const overflow = {
                name: 'TooManyErrors',
                message: `Too many syntax errors in one block to read the file past this point (${recorded.length === MAX_REPORTED_ERRORS ? 'the first ' : ''}${recorded.length} are shown). Fix the first ones and the rest of the file is read again.`,
                token: last?.token ?? { image: '', startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, tokenTypeIdx: 0, tokenType: undefined as never },
                resyncedTokens: [],
                context: { ruleStack: [], ruleOccurrenceStack: [] }
            } as unknown as RecognitionError;
            return { ...empty, lexerErrors: [], parserErrors: [...recorded, overflow] };
        }
    }) as LangiumParser['parse'];
    return parser;
}
