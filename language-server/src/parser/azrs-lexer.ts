import type { LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';

/**
 * azrs v1 is IPv4 only (LANGUAGE.md §2). IPv6 literals are lexed as PREFIX tokens so that the
 * parser sees a value where one belongs (no cascade of errors), and each one becomes a lexing error
 * with a message that says why.
 */
export class AzrsLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        for (const token of result.tokens) {
            if (token.tokenType.name === 'PREFIX' && token.image.includes(':')) {
                result.errors.push({
                    offset: token.startOffset,
                    length: token.image.length,
                    line: token.startLine,
                    column: token.startColumn,
                    message: `IPv6 is not supported: '${token.image}' is an IPv6 literal, and azrs v1 describes IPv4 networks only.`
                });
            }
        }
        return result;
    }
}
