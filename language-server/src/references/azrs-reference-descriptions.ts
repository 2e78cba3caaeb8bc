import type { LangiumDocument, ReferenceDescription } from 'langium';
import { Cancellation, DefaultReferenceDescriptionProvider } from 'langium';
import { isModel } from '../generated/ast.js';
import { CANCELLATION_CHECK_EVERY, checkEvery } from './cancellation-check.js';
import { modelReferences } from './model-walk.js';

/**
 * Langium's reference descriptions (the index behind find-references and the relinking of other
 * files), built from the references of a model (model-walk.ts) instead of a visit of every
 * syntax-tree node, with a cancellation check every few hundred references.
 */
export class AzrsReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const root = document.parseResult.value;
        if (!isModel(root)) return super.createDescriptions(document, cancelToken);
        const out: ReferenceDescription[] = [];
        const check = checkEvery(CANCELLATION_CHECK_EVERY, cancelToken);
        for (const info of modelReferences(root)) {
            await check();
            if (info.reference.error) continue;
            for (const d of this.createInfoDescriptions(info)) out.push(d);
        }
        return out;
    }
}
