import type { AstNodeDescription, LangiumDocument, LinkingError, ReferenceInfo } from 'langium';
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

    /**
     * Langium names the reference's type; the v2 unions (ConnectionTarget...) are grammar names a
     * user never wrote, so their message says what may be named there.
     */
    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const kinds = UNION_WORDS[this.reflection.getReferenceType(refInfo)];
        return kinds ? { ...error, message: `Could not resolve reference to ${kinds} named '${refInfo.reference.$refText}'.` } : error;
    }
}

/** What each union of the grammar stands for, in a linking error's message. */
const UNION_WORDS: Record<string, string> = {
    ConnectionTarget: 'an onprem site or a Vpn gateway',
    NextHopDevice: 'an NVA or a firewall',
    IntentEndpoint: 'a vm, nva, firewall, onprem site or subnet (VNET/SUBNET)'
};
