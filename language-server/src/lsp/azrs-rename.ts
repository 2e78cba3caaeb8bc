import type { AstNode, LangiumDocument, LangiumDocuments, ReferenceDescription, References } from 'langium';
import { CstUtils } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { DefaultRenameProvider } from 'langium/lsp';
import type { RenameParams, WorkspaceEdit } from 'vscode-languageserver';
import { TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/**
 * Langium's rename, aware of the one qualified reference of the language: an intent names a subnet
 * as `VNET/SUBNET` (v2). Renaming a subnet rewrites only the part after the `/`; renaming a VNet
 * also rewrites the part before it in every reference to one of its subnets. Langium alone would
 * replace the whole `VNET/SUBNET` with the new name, or leave the VNet part stale.
 */
export class AzrsRenameProvider extends DefaultRenameProvider {
    private readonly refs: References;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.refs = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        const target = leaf ? this.refs.findDeclarations(leaf)[0] : undefined;
        if (!target) return undefined;
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, edit: TextEdit) => (changes[uri] ??= []).push(edit);
        for (const ref of this.refs.findReferences(target, { includeDeclaration: true })) {
            const uri = ref.sourceUri.toString();
            const part = ast.isSubnet(target) ? this.qualifiedPart(ref, 'subnet') : undefined;
            add(uri, TextEdit.replace(part ?? ref.segment.range, params.newName));
        }
        if (ast.isVNet(target)) {
            // VNET/SUBNET references to its subnets carry the VNet's name too.
            for (const subnet of target.subnets) {
                for (const ref of this.refs.findReferences(subnet as AstNode, { includeDeclaration: false })) {
                    const part = this.qualifiedPart(ref, 'vnet');
                    if (part) add(ref.sourceUri.toString(), TextEdit.replace(part, params.newName));
                }
            }
        }
        return { changes };
    }

    /** The range of the VNet or subnet part of a `VNET/SUBNET` reference; undefined for a plain name. */
    private qualifiedPart(ref: ReferenceDescription, which: 'vnet' | 'subnet') {
        const doc = this.documents.getDocument(ref.sourceUri);
        if (!doc) return undefined;
        const text = doc.textDocument.getText(ref.segment.range);
        const slash = text.indexOf('/');
        if (slash < 0) return undefined;
        const start = ref.segment.offset;
        // Whitespace may surround the `/`: take the name itself on each side.
        const before = text.slice(0, slash).trimEnd();
        const afterStart = slash + 1 + (text.slice(slash + 1).length - text.slice(slash + 1).trimStart().length);
        return which === 'vnet'
            ? { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(start + before.length) }
            : { start: doc.textDocument.positionAt(start + afterStart), end: doc.textDocument.positionAt(ref.segment.end) };
    }
}
