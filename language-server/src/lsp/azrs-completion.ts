import type { AstNode, GrammarAST, MaybePromise } from 'langium';
import { AstUtils, GrammarAST as Grammar, GrammarUtils } from 'langium';
import type { CompletionAcceptor, CompletionContext, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';

/**
 * Langium's completion, with one repair: in a broken text the node at the cursor can be of another
 * type than the rule whose cross-reference is being completed (an `nva` block left open before
 * `peering a -> |`). Langium then asks for the reference `from` of an Nva and logs an error instead
 * of offering names. Here the reference is completed on a placeholder of the rule's own type, as
 * Langium does when a rule has just been entered.
 */
export class AzrsCompletionProvider extends DefaultCompletionProvider {
    protected override completionForCrossReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>,
        acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, Grammar.isAssignment);
        if (!next.type && assignment && context.node && !this.holdsReference(context.node, assignment.feature)) {
            const rule = AstUtils.getContainerOfType(next.feature, Grammar.isParserRule);
            if (!rule) return;
            const type = GrammarUtils.getTypeName(rule);
            if (!this.astReflection.getTypeMetaData(type).properties[assignment.feature]?.referenceType) return;
            return super.completionForCrossReference(context, { ...next, type }, acceptor);
        }
        return super.completionForCrossReference(context, next, acceptor);
    }

    private holdsReference(node: AstNode, property: string): boolean {
        return this.astReflection.getTypeMetaData(node.$type).properties[property]?.referenceType !== undefined;
    }
}
