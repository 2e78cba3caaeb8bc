import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstNode, ReferenceInfo } from 'langium';
import { AstUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../language-server/src/generated/ast.js';
import { modelNodes, modelReferences } from '../../language-server/src/references/model-walk.js';
import { ROOT } from '../cli/cli-run.js';
import { buildWorkspace, codesAt, createTestServices } from '../helpers.js';

/**
 * The linker, the reference index and the literal checks go straight to a model's nodes and
 * references (model-walk.ts) instead of visiting every property of every node: the lists must be
 * the ones Langium's own walks find, for every type and reference the grammar declares.
 */

const LANGUAGE_EXAMPLE = /```azrs\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8'))?.[1] ?? '';
const CORPUS = [
    LANGUAGE_EXAMPLE,
    readFileSync(join(ROOT, 'samples', 'dual-homed-er', 'dual-homed-er.azrs'), 'utf8'),
    readFileSync(join(ROOT, 'samples', 'udr-routing-example', 'udr-routing-example.azrs'), 'utf8'),
    // A reference in every place the grammar allows one, some of them unresolved.
    `onprem dc { asn: 65010 }
     hub h { gateway g { type: Vpn, asn: 65020, connections: [dc, nowhere] } subnet s { prefix: 10.0.0.0/24, routeTable: rt } nva n { ip: 10.0.0.4 } }
     spoke sp { }
     peering sp -> h { }
     peering h -> missing { }
     bgp n <-> dc { }
     routeTable rt { route r1 { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: n } route r2 { nextHop: 10.0.0.5 } }`
];

function describeInfo(info: ReferenceInfo): string {
    const ref = info.reference as { $refText: string; $refNode?: { offset: number } };
    return `${info.container.$type}.${info.property}${info.index === undefined ? '' : `[${info.index}]`} '${ref.$refText}' @${ref.$refNode?.offset}`;
}

function langiumReferences(model: Model): ReferenceInfo[] {
    return AstUtils.streamAst(model).flatMap(node => AstUtils.streamReferences(node)).toArray();
}

describe('the nodes and references of a model', () => {
    it.each(CORPUS.map((text, i) => [i, text]))('text %i: the same nodes as Langium\'s walk', async (_i, text) => {
        const { documents } = await buildWorkspace(text as string);
        const model = documents[0].parseResult.value;
        const where = (n: AstNode) => `${n.$type}@${n.$cstNode?.offset}`;
        expect(modelNodes(model).map(where).sort()).toEqual(AstUtils.streamAst(model).map(where).toArray().sort());
    });

    it('visits a node of every type the grammar declares', async () => {
        const reflection = createTestServices().shared.AstReflection;
        const concrete = reflection.getAllTypes().filter(type => reflection.getAllSubTypes(type).length === 1);
        const found = new Set<string>();
        for (const text of CORPUS) {
            const { documents } = await buildWorkspace(text);
            for (const node of modelNodes(documents[0].parseResult.value)) found.add(node.$type);
        }
        expect([...found].sort()).toEqual(concrete.sort());
    });

    it.each(CORPUS.map((text, i) => [i, text]))('text %i: the same references as Langium\'s walk of every node', async (_i, text) => {
        const { documents } = await buildWorkspace(text as string);
        const model = documents[0].parseResult.value;
        const ours = modelReferences(model).map(describeInfo).sort();
        expect(ours.length).toBeGreaterThan(0);
        expect(ours).toEqual(langiumReferences(model).map(describeInfo).sort());
    });

    it('covers every reference property the grammar declares', async () => {
        const reflection = createTestServices().shared.AstReflection;
        const declared = reflection.getAllTypes().flatMap(type => Object.values(reflection.getTypeMetaData(type).properties)
            .filter(p => p.referenceType !== undefined).map(p => `${type}.${p.name}`));
        const found = new Set<string>();
        for (const text of CORPUS) {
            const { documents } = await buildWorkspace(text);
            for (const info of modelReferences(documents[0].parseResult.value)) found.add(`${info.container.$type}.${info.property}`);
        }
        expect([...found].sort()).toEqual([...new Set(declared)].sort());
    });

    it('links them: an unresolved name is a linking error at its place, the others resolve', async () => {
        const { documents, diagnostics } = await buildWorkspace(CORPUS[3]);
        const unresolved = diagnostics[0].filter(d => String(d.message).startsWith('Could not resolve'));
        expect(unresolved.map(d => `${d.message} ${codesAt([d])[0].split('@')[1]}`)).toEqual([
            "Could not resolve reference to OnPrem named 'nowhere'. 2:67-2:74",
            "Could not resolve reference to VNet named 'missing'. 5:19-5:26"
        ]);
        const refs = modelReferences(documents[0].parseResult.value);
        expect(refs.filter(r => (r.reference as { ref?: unknown }).ref === undefined).map(describeInfo))
            .toEqual([expect.stringMatching(/^Gateway\.connections\[1\] 'nowhere'/), expect.stringMatching(/^Peering\.to 'missing'/)]);
    });
});
