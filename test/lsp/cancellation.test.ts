import { DocumentState, OperationCancelled, TextDocument, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../../bench/generate.js';
import type { Model } from '../../language-server/src/generated/ast.js';
import { codes, createTestServices } from '../helpers.js';

/**
 * A new edit cancels the analysis of the previous version: the server applies each change as a
 * workspace write (DocumentBuilder.update under the WorkspaceLock, as Langium's update handler
 * does), and a newer write cancels the older one's token, which the workspace analysis checks
 * between its steps (topology, checks, route engine, routing checks).
 */
describe('cancellation', () => {
    it('an edit that arrives while the previous version is being analysed stops that analysis; only the last version is validated', async () => {
        const { text, vms } = generateTopology(600);
        const services = createTestServices();
        const { shared } = services;
        const uri = URI.parse('file:///cancel/large.azrs');
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        expect(document.diagnostics).toEqual([]);

        // Which analyses ran to the end and which a newer edit stopped.
        const analysis = services.Azrs.analysis.WorkspaceAnalysis;
        const outcomes: string[] = [];
        const getAsync = analysis.getAsync.bind(analysis);
        let second: Promise<void> | undefined;
        analysis.getAsync = async token => {
            // Version 3 is typed as soon as the analysis of version 2 has started (the server
            // applies it as a new write, which cancels the running one's token at once).
            if (!second) second = write(3, '300');
            try {
                const result = await getAsync(token);
                outcomes.push('finished');
                return result;
            } catch (e) {
                outcomes.push(e === OperationCancelled ? 'cancelled' : 'failed');
                throw e;
            }
        };
        const validated: number[] = [];
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, doc => {
            validated.push(doc.textDocument.version);
        });

        // Version 2 makes vm's address a reserved one (.1); version 3, typed while version 2 is
        // being analysed, makes it .300 (invalid-prefix).
        const vm = vms[300];
        const at = text.indexOf(`vm ${vm} { ip: `);
        const digit = text.indexOf('}', at) - 2;
        const write = (version: number, replacement: string) => {
            shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'azrs', version,
                text.slice(0, digit) + replacement + text.slice(digit + 1)));
            return shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
        };
        const first = write(2, '1');
        await first;
        await second;

        expect(outcomes).toEqual(['cancelled', 'finished']);
        expect(validated).toEqual([3]);
        expect(codes(document.diagnostics ?? [])).toEqual(['invalid-prefix']);
        expect(document.textDocument.version).toBe(3);
    });
});
