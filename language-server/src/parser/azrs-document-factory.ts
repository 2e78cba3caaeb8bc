import type { AstNode, LangiumDocument, LangiumSharedCoreServices, ParseResult, URI } from 'langium';
import { Cancellation, DefaultLangiumDocumentFactory } from 'langium';
import { isModel, type Model } from '../generated/ast.js';
import { reparseElements } from './element-reparse.js';

/**
 * Langium's document factory, which re-parses a changed document only in the top-level elements
 * the edit falls in when it can (element-reparse.ts), and parses the whole text otherwise.
 */
export class AzrsDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse a document had when its update started, by URI, for `parseAsync` below. */
    private readonly previous = new Map<string, ParseResult>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        const previous = this.previous.get(uri.toString());
        if (previous && isModel(previous.value)) {
            const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser;
            const result = reparseElements(parser, previous as ParseResult<Model>, text);
            if (result) return result as unknown as ParseResult<T>;
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}
