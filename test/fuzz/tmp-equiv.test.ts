import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../language-server/src/model/topology-builder.js';
import { buildTopology as oldBuild } from './tmp-old-builder.js';
import { buildWorkspace } from '../helpers.js';
import { generateTopology } from '../../bench/generate.js';

function strip(t: any): string {
    const seen = new WeakMap<object, number>();
    let n = 0;
    return JSON.stringify(t.topology, function (this: any, k, v) {
        if (v && typeof v === 'object' && !Array.isArray(v) && (v.kind)) {
            if (seen.has(v) && k !== '') return `#${v.kind}:${v.name ?? ''}:${seen.get(v)}`;
            seen.set(v, n++);
        }
        if (v instanceof Map) return [...v.keys()];
        return v;
    });
}

const texts: string[] = [];
for (const d of readdirSync('samples')) for (const f of readdirSync(`samples/${d}`)) texts.push(readFileSync(`samples/${d}/${f}`, 'utf8'));
const walk = (dir: string) => { for (const e of readdirSync(dir, { withFileTypes: true })) { if (e.isDirectory()) walk(`${dir}/${e.name}`); else if (e.name.endsWith('.azrs')) texts.push(readFileSync(`${dir}/${e.name}`, 'utf8')); } };
walk('test/fixtures');
texts.push(generateTopology(30).text);

describe('builder equivalence', () => {
    it('same topology', async () => {
        let i = 0;
        for (const base of texts) {
            const variants = [base, base.slice(0, base.length / 2), base.replace(/\]/g, ''), base.replace(/:/g, ' '), base.replace(/\{/g, '')];
            for (let k = 0; k < 40; k++) {
                const a = Math.floor(Math.random() * base.length), b = Math.floor(Math.random() * base.length);
                variants.push(base.slice(0, Math.min(a, b)) + base.slice(Math.max(a, b), Math.max(a, b) + 50) + base.slice(Math.min(a, b)));
            }
            for (const v of variants) {
                const { documents } = await buildWorkspace(v);
                expect(strip(buildTopology(documents))).toEqual(strip(oldBuild(documents)));
                i++;
            }
        }
        console.log('compared', i);
    });
});
