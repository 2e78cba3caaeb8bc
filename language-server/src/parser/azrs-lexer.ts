import type { LexerResult, TokenizeOptions } from 'langium';
import { DefaultLexer } from 'langium';

/**
 * azrs v1 is IPv4 only (docs/language.md §2). IPv6 literals are lexed as PREFIX tokens so that the
 * parser sees a value where one belongs (no cascade of errors), and each one becomes a lexing error
 * with a message that says why.
 */
export class AzrsLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        for (const error of result.errors) error.message = unexpectedCharacterMessage(error.message);
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

/**
 * Chevrotain's own message ("unexpected character: ->.<- at offset: 57, skipped 1 characters.")
 * speaks of offsets the user never sees (the diagnostic already has a line and column): say which
 * character, printable, and what the language allows instead. Other messages pass unchanged.
 */
export function unexpectedCharacterMessage(message: string): string {
    const m = /^unexpected character: ->([\s\S]*)<- at offset: \d+, skipped (\d+) characters?\.$/.exec(message);
    if (!m) return message;
    const shown = [...m[1]].map(c => /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join('');
    const skipped = Number(m[2]);
    const hint = m[1].startsWith('.')
        ? ' An address has four numbers (10.1.2.4), a prefix four numbers and a length (10.1.0.0/16).'
        : ' Names are ASCII letters, digits, _ and -; comments start with // or /*.';
    return `Unexpected character '${shown}'${skipped > 1 ? ` (${skipped} characters skipped)` : ''}.${hint}`;
}
