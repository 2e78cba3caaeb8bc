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

const LANGUAGE_EXAMPLES = [...readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8').matchAll(/```azrs\n([\s\S]*?)```/g)].map(m => m[1]);
const CORPUS = [
    // v1's example and v2's additions.
    ...LANGUAGE_EXAMPLES.slice(0, 2),
    readFileSync(join(ROOT, 'samples', 'dual-homed-er', 'dual-homed-er.azrs'), 'utf8'),
    readFileSync(join(ROOT, 'samples', 'udr-routing-example', 'udr-routing-example.azrs'), 'utf8'),
    // A reference in every place the grammar allows one, some of them unresolved.
    `onprem dc { asn: 65010 }
     hub h { gateway g { type: Vpn, asn: 65020, connections: [dc, nowhere] } subnet s { prefix: 10.0.0.0/24, routeTable: rt } nva n { ip: 10.0.0.4 } }
     spoke sp { }
     peering sp -> h { }
     peering h -> missing { }
     bgp n <-> dc { }
     routeTable rt { route r1 { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: n } route r2 { nextHop: 10.0.0.5 } }`,
    // v2: every new reference, some unresolved.
    `hub h2 { gateway g2 { type: Vpn, connections: [g3, gone], routeTable: rt2 } firewall fw { subnet: 10.9.0.0/26, ip: 10.9.0.4 }
       subnet s { prefix: 10.9.1.0/24 } nva n2 { nic a { ip: 10.9.1.4 } nic b { ip: 10.9.2.4 } } }
     vnet b { gateway g3 { type: Vpn, connections: [g2] } vm bvm { ip: 10.8.0.4 } }
     routeTable rt2 { route r { prefix: 0.0.0.0/0, nextHopType: VirtualAppliance, nextHop: fw } }
     intent i1 { from: h2/s, to: bvm, via: [fw, n2, nothing] }
     intent i2 { from: h2/nope, to: 10.8.0.4 }`
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
        const { documents, diagnostics } = await buildWorkspace(CORPUS[4]);
        const unresolved = diagnostics[0].filter(d => String(d.message).startsWith('Could not resolve'));
        expect(unresolved.map(d => `${d.message} ${codesAt([d])[0].split('@')[1]}`)).toEqual([
            // v2: a gateway's connections may name a Vpn gateway too (docs/language.md §2 v2).
            "Could not resolve reference to an onprem site or a Vpn gateway named 'nowhere'. 2:67-2:74",
            "Could not resolve reference to VNet named 'missing'. 5:19-5:26"
        ]);
        const refs = modelReferences(documents[0].parseResult.value);
        expect(refs.filter(r => (r.reference as { ref?: unknown }).ref === undefined).map(describeInfo))
            .toEqual([expect.stringMatching(/^Gateway\.connections\[1\] 'nowhere'/), expect.stringMatching(/^Peering\.to 'missing'/)]);
    });

    it('links the v2 references: an unresolved name is a linking error saying what may be named there', async () => {
        const { documents, diagnostics } = await buildWorkspace(CORPUS[5]);
        const unresolved = diagnostics[0].filter(d => String(d.message).startsWith('Could not resolve'));
        expect(unresolved.map(d => `${d.message} ${codesAt([d])[0].split('@')[1]}`)).toEqual([
            "Could not resolve reference to an onprem site or a Vpn gateway named 'gone'. 1:52-1:56",
            "Could not resolve reference to an NVA or a firewall named 'nothing'. 5:53-5:60",
            "Could not resolve reference to a vm, nva, firewall, onprem site, VNet or subnet (VNET/SUBNET) named 'h2/nope'. 6:24-6:31"
        ]);
        const refs = modelReferences(documents[0].parseResult.value);
        const resolved = refs.filter(r => (r.reference as { ref?: unknown }).ref !== undefined).map(r => `${r.container.$type}.${r.property} ${r.reference.$refText}`);
        expect(resolved).toEqual(expect.arrayContaining(['Gateway.connections g3', 'Gateway.routeTable rt2', 'Route.nextHop fw',
            'Intent.from h2/s', 'Intent.to bvm', 'Intent.via fw', 'Intent.via n2', 'Gateway.connections g2']));
    });
});
