import { describe, expect, it } from 'vitest';
import type { EvalScope } from '../../language-server/src/import/arm-expression.js';
import { evaluate, NotEvaluable, parseExpression, UnknownFunction } from '../../language-server/src/import/arm-expression.js';

const scope: EvalScope = {
    parameter: n => ({ prefix: 'hub', count: '3', asns: [65001, 65002], cfg: { Region: 'westeurope' } } as Record<string, unknown>)[n],
    variable: n => ({ sep: ',' } as Record<string, unknown>)[n],
    copyIndex: loop => (loop === 'outer' ? 7 : 2),
    reference: () => ({ ipAddress: '203.0.113.1' }),
    resourceGroupName: 'rg-net',
    subscriptionId: 'sub1',
    location: 'westeurope'
};
const ev = (text: string) => evaluate(parseExpression(text), scope);

describe('ARM template expressions', () => {
    it('evaluates the functions the corpus uses', () => {
        expect(ev("[concat(parameters('prefix'), '-', string(add(int(parameters('count')), 1)))]")).toBe('hub-4');
        expect(ev("[format('{0}-{1:D3}', parameters('prefix'), copyIndex())]")).toBe('hub-002');
        expect(ev("[split('a,b,c', variables('sep'))[copyIndex()]]")).toBe('c');
        expect(ev("[if(equals(parameters('prefix'), 'HUB'), 'same', 'different')]")).toBe('same');
        expect(ev("[json('null')]")).toBeNull();
        expect(ev("[copyIndex('outer', 1)]")).toBe(8);
        expect(ev("[parameters('asns')[1]]")).toBe(65002);
        expect(ev("[parameters('cfg').region]")).toBe('westeurope');
        expect(ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v1', 's1')]")).toBe('/subscriptions/sub1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v1/subnets/s1');
        expect(ev("[resourceId('other-rg', 'Microsoft.Network/routeTables', 'rt')]")).toBe('/subscriptions/sub1/resourceGroups/other-rg/providers/Microsoft.Network/routeTables/rt');
        expect(ev("[reference('pip').ipAddress]")).toBe('203.0.113.1');
        expect(ev("[resourceGroup().name]")).toBe('rg-net');
        expect(ev("[cidrSubnet('10.0.0.0/16', 24, 3)]")).toBe('10.0.3.0/24');
        expect(ev("[map(range(0, 3), lambda('i', format('10.{0}.0.0/16', lambdaVariables('i'))))]")).toEqual(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']);
        expect(ev("[json('{\"id\": \"x\"}\"')]")).toEqual({ id: 'x' });
        expect(ev("[createObject('a', createArray(1, 2), 'b', coalesce(null(), 'z'))]")).toEqual({ a: [1, 2], b: 'z' });
    });

    it('tells a function that needs a running deployment from one ARM does not have', () => {
        expect(() => ev('[utcNow()]')).toThrow(NotEvaluable);
        expect(() => ev("[listKeys('x', '2020-01-01')]")).toThrow(NotEvaluable);
        expect(() => ev("[frobnicate('x')]")).toThrow(UnknownFunction);
        expect(() => parseExpression("[concat('a', ]")).toThrow(/expected a function call at character 14/);
    });
});
