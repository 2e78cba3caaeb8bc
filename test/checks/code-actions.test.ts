import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../language-server/src/validation/issue-codes.js';
import { actionsFor, apply, check, fmt, type Checked, seedTopology } from './check-helpers.js';

/**
 * The quick fixes of docs/language.md §3/§4: each applied to the document, and the result validated
 * again, clean of the code it fixes. Plus the suppression comment, for every azrs code.
 */

async function fixOnce(text: string, code: string, options: { routesPerPeer?: number } = {}): Promise<{ before: Checked; title: string; after: string; rechecked: Checked }> {
    const before = await check(text, options);
    const target = before.seen[0].filter(s => s.code === code);
    expect(target.map(fmt), `one ${code} in the input`).toHaveLength(1);
    const actions = await actionsFor(before.documents[0], target[0].diagnostic);
    const fixes = actions.filter(a => !a.title.startsWith('Suppress '));
    expect(fixes.map(a => a.title), `one quick fix for ${code}`).toHaveLength(1);
    expect(fixes[0].kind).toBe('quickfix');
    expect(fixes[0].diagnostics).toEqual([target[0].diagnostic]);
    const after = apply(before.documents[0], fixes[0]);
    const rechecked = await check(after, options);
    expect(rechecked.seen[0].filter(s => s.code === code).map(fmt), `${code} is gone after the fix`).toEqual([]);
    return { before, title: fixes[0].title, after, rechecked };
}

const SEED = (session: string) => `${seedTopology(session)}\n`;

describe('missing-as-override: add asOverride: true', () => {
    const cases: Array<[string, string, string]> = [
        ['a statement without a block', 'bgp nva1 <-> rs0', 'bgp nva1 <-> rs0 { asOverride: true }'],
        ['an empty block', 'bgp nva1 <-> rs0 {}', 'bgp nva1 <-> rs0 { asOverride: true }'],
        ['a one-line block', 'bgp nva1 <-> rs0 { multihop: true }', 'bgp nva1 <-> rs0 { multihop: true, asOverride: true }'],
        ['a one-line block with a trailing comma', 'bgp nva1 <-> rs0 { multihop: true, }', 'bgp nva1 <-> rs0 { multihop: true, asOverride: true }'],
        ['a block of one property per line', 'bgp nva1 <-> rs0 {\n    multihop: true\n}', 'bgp nva1 <-> rs0 {\n    multihop: true\n    asOverride: true\n}'],
        ['a written asOverride: false', 'bgp nva1 <-> rs0 { asOverride: false, multihop: true }', 'bgp nva1 <-> rs0 { asOverride: true, multihop: true }']
    ];
    for (const [what, session, fixed] of cases) {
        it(`into ${what}`, async () => {
            const { title, after, rechecked } = await fixOnce(SEED(session), 'missing-as-override');
            expect(title).toBe("Add asOverride: true to 'bgp nva1 <-> rs0'");
            expect(after).toBe(SEED(fixed));
            expect(rechecked.seen[0]).toEqual([]);
        });
    }

    it('the fixed topology programs the on-premises route into the spoke (docs/semantics.md §5)', async () => {
        const { rechecked } = await fixOnce(SEED('bgp nva1 <-> rs0'), 'missing-as-override');
        const spoke = rechecked.topology.vnets.find(v => v.name === 'spoke')!;
        const rows = rechecked.routing.effectiveRoutes(spoke.defaultSubnet).filter(r => r.source === 'VirtualNetworkGateway');
        expect(rows.map(r => `${r.addressPrefix.text} -> ${r.nextHopIpAddress.join(',')}`)).toContain('10.2.13.0/25 -> 10.101.3.10');
    });
});

describe('set useRemoteGateways: false', () => {
    it('dual-homed-use-remote-gateways', async () => {
        // Issue 17: the dual-homed rule is the design of a spoke with its own route server.
        const text = `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
hub hub2 { addressSpace: [10.2.0.0/16], gateway er2 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering spoke1 -> hub1 {
  allowForwardedTraffic: true
  useRemoteGateways: true
}
peering hub1 -> spoke1 { allowGatewayTransit: true }
peering spoke1 -> hub2
peering hub2 -> spoke1
`;
        const { title, after, rechecked } = await fixOnce(text, 'dual-homed-use-remote-gateways');
        expect(title).toBe("Set useRemoteGateways: false on 'spoke1 -> hub1'");
        expect(after).toBe(text.replace('useRemoteGateways: true', 'useRemoteGateways: false'));
        expect(rechecked.seen[0]).toEqual([]);
    });

    const flagged: Array<[string, string]> = [
        ['remote-vnet-has-no-gateways', `hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1`],
        ['use-remote-gateways-with-local-gateway', `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }`],
        ['use-remote-gateways-without-transit', `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
// azrs-disable-next-line peering-not-connected
peering spoke1 -> hub1 { useRemoteGateways: true }`]
    ];
    for (const [code, text] of flagged) {
        it(code, async () => {
            const { rechecked } = await fixOnce(text, code);
            expect(rechecked.seen[0]).toEqual([]);
        });
    }
});

describe('use-remote-gateways-without-transit: allow gateway transit on the hub\'s peering', () => {
    // Issue 17: the diagnostic sits on the hub's peering, the line to change, and the fix is there.
    const HUB = `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
peering spoke1 -> hub1 { useRemoteGateways: true }
`;
    const cases: Array<[string, string, string]> = [
        ['a statement without a block', 'peering hub1 -> spoke1', 'peering hub1 -> spoke1 { allowGatewayTransit: true }'],
        ['a written allowGatewayTransit: false', 'peering hub1 -> spoke1 { allowGatewayTransit: false }', 'peering hub1 -> spoke1 { allowGatewayTransit: true }'],
        ['a block of one property per line', 'peering hub1 -> spoke1 {\n  allowForwardedTraffic: true\n}', 'peering hub1 -> spoke1 {\n  allowForwardedTraffic: true\n  allowGatewayTransit: true\n}']
    ];
    for (const [what, reverse, fixed] of cases) {
        it(`into ${what}`, async () => {
            const { title, after, rechecked } = await fixOnce(`${HUB}${reverse}\n`, 'use-remote-gateways-without-transit');
            expect(title).toBe("Set allowGatewayTransit: true on 'hub1 -> spoke1'");
            expect(after).toBe(`${HUB}${fixed}\n`);
            expect(rechecked.seen[0]).toEqual([]);
        });
    }
});

describe('peering-not-connected: add the reverse peering', () => {
    it('after the statement, indented like it', async () => {
        const text = `hub hub1 { addressSpace: [10.1.0.0/16] }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
  peering spoke1 -> hub1 {
    allowForwardedTraffic: true
  }
// the end
`;
        const { title, after, rechecked } = await fixOnce(text, 'peering-not-connected');
        expect(title).toBe("Add the reverse peering 'hub1 -> spoke1'");
        expect(after).toBe(text.replace('  }\n', '  }\n  peering hub1 -> spoke1\n'));
        expect(rechecked.seen[0]).toEqual([]);
    });

    it('keeps CRLF line endings', async () => {
        const text = 'hub hub1 { addressSpace: [10.1.0.0/16] }\r\nspoke spoke1 { addressSpace: [10.10.0.0/16] }\r\npeering spoke1 -> hub1\r\n';
        const { after } = await fixOnce(text, 'peering-not-connected');
        expect(after).toBe('hub hub1 { addressSpace: [10.1.0.0/16] }\r\nspoke spoke1 { addressSpace: [10.10.0.0/16] }\r\npeering spoke1 -> hub1\r\npeering hub1 -> spoke1\r\n');
    });
});

describe('bgp-multihop-disabled: set multihop: true', () => {
    it('replaces the value', async () => {
        const text = `hub hub1 {
  addressSpace: [10.1.0.0/16]
  routeServer rs1 { subnet: 10.1.0.0/26 }
  nva fw1 { ip: 10.1.2.4, asn: 65001 }
}
bgp fw1 <-> rs1 { multihop: false }
`;
        const { title, after, rechecked } = await fixOnce(text, 'bgp-multihop-disabled');
        expect(title).toBe('Set multihop: true');
        expect(after).toBe(text.replace('multihop: false', 'multihop: true'));
        expect(rechecked.seen[0]).toEqual([]);
    });
});

describe('prefix-host-bits: normalise the prefix', () => {
    it('writes data.normalized in place of the literal', async () => {
        const text = 'hub hub1 { addressSpace: [10.1.0.0/16], subnet s { prefix: 10.1.3.7/24 } }\n';
        const { title, after, rechecked } = await fixOnce(text, 'prefix-host-bits');
        expect(title).toBe('Change to 10.1.3.0/24');
        expect(after).toBe(text.replace('10.1.3.7/24', '10.1.3.0/24'));
        expect(rechecked.seen[0]).toEqual([]);
    });
});

describe('no quick fix where the code has none', () => {
    it('offers only the suppression for reserved-asn', async () => {
        const { documents, seen } = await check('hub hub1 { addressSpace: [10.1.0.0/16], nva fw1 { ip: 10.1.2.4, asn: 65515 } }');
        expect((await actionsFor(documents[0], seen[0][0].diagnostic)).map(a => a.title)).toEqual(['Suppress reserved-asn on this line']);
    });

    it('offers nothing for a diagnostic that is not azrs\'s own (a linking error)', async () => {
        const { documents, seen } = await check('bgp nope <-> nada');
        expect(seen[0].length).toBeGreaterThan(0);
        for (const s of seen[0]) expect(await actionsFor(documents[0], s.diagnostic)).toEqual([]);
    });
});

describe('suppression', () => {
    const DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    const failing = (code: string) => {
        const section = DOC.split(/^## /m).find(p => p.startsWith(`${code}\n`))!;
        return /```azrs\n([\s\S]*?)```/.exec(section)![1];
    };

    // The verify-* codes need Azure's outputs besides the text: test/lsp/verify-lsp.test.ts
    // suppresses one of them in the editor's setting.
    for (const rule of RULES.filter(r => r.group !== 'Verify against Azure')) {
        it(`"Suppress ${rule.code} on this line" hides that ${rule.code}`, async () => {
            const text = failing(rule.code);
            const routesPerPeer = /--routes-per-peer (\d+)/.exec(text)?.[1];
            const options = { routesPerPeer: routesPerPeer ? Number(routesPerPeer) : undefined };
            const before = await check(text, options);
            const target = before.seen[0].find(s => s.code === rule.code)!;
            const actions = await actionsFor(before.documents[0], target.diagnostic);
            const suppress = actions.find(a => a.title === `Suppress ${rule.code} on this line`);
            expect(suppress, rule.code).toBeDefined();
            const after = apply(before.documents[0], suppress!);
            // A new comment line, or the code added to a suppression comment already above.
            const comment = new RegExp(`^// azrs-disable-next-line( [a-z-]+)* ${rule.code}$`);
            const lines = after.split('\n');
            expect([lines[target.range.start.line], lines[target.range.start.line - 1]].some(l => comment.test(l?.trim() ?? ''))).toBe(true);
            const rechecked = await check(after, options);
            const count = (c: Checked) => c.seen[0].filter(s => s.code === rule.code).length;
            expect(count(rechecked)).toBe(count(before) - 1);
        });
    }

    it('inserts the comment with the indentation of the line', async () => {
        const text = `hub hub1 {
    addressSpace: [10.1.0.0/16]
    routeServer rs1 { subnet: 10.1.0.0/28 }
}
`;
        const before = await check(text);
        const [suppress] = (await actionsFor(before.documents[0], before.seen[0][0].diagnostic)).filter(a => a.title.startsWith('Suppress'));
        expect(apply(before.documents[0], suppress)).toBe(`hub hub1 {
    addressSpace: [10.1.0.0/16]
    // azrs-disable-next-line route-server-subnet-too-small
    routeServer rs1 { subnet: 10.1.0.0/28 }
}
`);
    });

    it('adds the code to a suppression comment already on the line above', async () => {
        const text = `hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
  // azrs-disable-next-line peering-not-connected
  peering spoke1 -> hub1 { useRemoteGateways: true }
`;
        const before = await check(text);
        expect(before.seen[0].map(s => s.code)).toEqual(['use-remote-gateways-without-transit']);
        const [suppress] = (await actionsFor(before.documents[0], before.seen[0][0].diagnostic)).filter(a => a.title.startsWith('Suppress'));
        const after = apply(before.documents[0], suppress);
        expect(after).toBe(text.replace('peering-not-connected\n', 'peering-not-connected use-remote-gateways-without-transit\n'));
        expect((await check(after)).seen[0]).toEqual([]);
    });

    it('the comment hides only the listed codes, only on the next line', async () => {
        const base = `hub hub1 { addressSpace: [10.1.0.0/16], routeServer rs1 { subnet: 10.1.0.0/26 } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
spoke spoke2 { addressSpace: [10.20.0.0/16] }
`;
        const codes = async (text: string) => (await check(text)).seen[0].map(fmt);
        expect(await codes(`${base}peering spoke1 -> hub1 { useRemoteGateways: true }`)).toEqual([
            'peering-not-connected/warning@4:1-4:51', 'use-remote-gateways-without-transit/error@4:26-4:49']);
        expect(await codes(`${base}// azrs-disable-next-line peering-not-connected\npeering spoke1 -> hub1 { useRemoteGateways: true }`)).toEqual([
            'use-remote-gateways-without-transit/error@5:26-5:49']);
        expect(await codes(`${base}// azrs-disable-next-line peering-not-connected, use-remote-gateways-without-transit\npeering spoke1 -> hub1 { useRemoteGateways: true }`)).toEqual([]);
        expect(await codes(`${base}// azrs-disable-next-line peering-not-connected\n\npeering spoke1 -> hub1`)).toEqual(['peering-not-connected/warning@6:1-6:23']);
        expect(await codes(`${base}/* azrs-disable-next-line peering-not-connected */\npeering spoke1 -> hub1`)).toEqual(['peering-not-connected/warning@5:1-5:23']);
    });
});

describe('preferred fixes (the FIXES table of lsp/azrs-code-actions.ts)', () => {
    async function fixesOf(text: string, code: string): Promise<string[]> {
        const before = await check(text);
        const target = before.seen[0].find(s => s.code === code)!;
        const fixes = (await actionsFor(before.documents[0], target.diagnostic)).filter(a => !a.title.startsWith('Suppress '));
        return fixes.map(a => `${a.title}: ${a.isPreferred ? 'preferred' : 'not preferred'}`);
    }
    const HUB = `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16] }
`;

    it('use-remote-gateways-without-transit: allowing transit on the hub\'s peering is preferred', async () => {
        expect(await fixesOf(`${HUB}peering spoke1 -> hub1 { useRemoteGateways: true }\npeering hub1 -> spoke1\n`, 'use-remote-gateways-without-transit'))
            .toEqual(["Set allowGatewayTransit: true on 'hub1 -> spoke1': preferred"]);
    });

    it('use-remote-gateways-without-transit with no hub peering: turning useRemoteGateways off is one fix of two, not preferred', async () => {
        expect(await fixesOf(`${HUB}// azrs-disable-next-line peering-not-connected\npeering spoke1 -> hub1 { useRemoteGateways: true }\n`, 'use-remote-gateways-without-transit'))
            .toEqual(["Set useRemoteGateways: false on 'spoke1 -> hub1': not preferred"]);
    });

    it('use-remote-gateways-with-local-gateway: turning useRemoteGateways off is preferred', async () => {
        const text = `hub hub1 { addressSpace: [10.1.0.0/16], gateway er1 { type: ExpressRoute } }
spoke spoke1 { addressSpace: [10.10.0.0/16], routeServer rs0 { subnet: 10.10.0.0/26 } }
peering spoke1 -> hub1 { useRemoteGateways: true }
peering hub1 -> spoke1 { allowGatewayTransit: true }`;
        expect(await fixesOf(text, 'use-remote-gateways-with-local-gateway')).toEqual(["Set useRemoteGateways: false on 'spoke1 -> hub1': preferred"]);
    });
});
