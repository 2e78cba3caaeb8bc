import type { LangiumDocument } from 'langium';
import { Cancellation, DefaultLinker } from 'langium';
import { isModel } from '../generated/ast.js';
import { CANCELLATION_CHECK_EVERY, checkEvery } from './cancellation-check.js';
import { modelReferences } from './model-walk.js';

/**
 * Langium's linker, going straight to the references of a model (model-walk.ts) instead of
 * visiting every syntax-tree node, with a cancellation check every few hundred references.
 */
export class AzrsLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const root = document.parseResult.value;
        if (!isModel(root) || this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const check = checkEvery(CANCELLATION_CHECK_EVERY, cancelToken);
        for (const info of modelReferences(root)) {
            await check();
            this.doLink(info, document);
        }
    }
}
