import { AZURE_ASN } from '../model/azure-constants.js';
import type { ImportedModel, ImportedNva, ImportedVNet } from './imported-model.js';

/**
 * The marker comment that `azrs check` reads (validation/import-gap.ts): a fact the imported
 * sources did not hold, left to its default in the element on the next line (docs/language.md §3
 * `import-gap`).
 */
export const IMPORT_GAP_MARKER = 'azrs-import-gap:';

/** Language v2 constructs (firewall, nva nic blocks, gateway nextHopIps/routeTable, VNet-to-VNet). */
export interface WriteOptions { readonly v2: boolean }

/** The unformatted text of each output file, by file name: one per VNet, plus sites and sessions. */
export function writeAzrs(model: ImportedModel, opts: WriteOptions): Map<string, string> {
    const files = new Map<string, string>();
    const rtHome = new Map<string, string>();
    for (const v of model.vnets) {
        for (const s of v.subnets) if (s.routeTable && !rtHome.has(s.routeTable)) rtHome.set(s.routeTable, v.name);
        for (const g of v.gateways) if (opts.v2 && g.routeTable && !rtHome.has(g.routeTable)) rtHome.set(g.routeTable, v.name);
    }
    const used = new Set<string>();
    const gatewayNames = new Set(model.vnets.flatMap(v => v.gateways.map(g => g.name)));
    // v2: a UDR may name the firewall it points at (docs/language.md §2 v2 `firewall`).
    const firewallByIp = new Map(opts.v2 ? model.vnets.flatMap(v => v.firewalls.map(f => [f.ip, f.name] as const)) : []);
    const tableBlock = (t: ImportedModel['routeTables'][number]) => routeTableBlock(t, firewallByIp);
    for (const v of model.vnets) {
        const lines: string[] = [];
        lines.push(...vnetBlock(v, opts, gatewayNames));
        for (const p of model.peerings.filter(p => p.from === v.name)) {
            const flags: string[] = [];
            if (!p.allowVirtualNetworkAccess) flags.push('allowVirtualNetworkAccess: false');
            if (p.allowForwardedTraffic) flags.push('allowForwardedTraffic: true');
            if (p.allowGatewayTransit) flags.push('allowGatewayTransit: true');
            if (p.useRemoteGateways) flags.push('useRemoteGateways: true');
            lines.push('', `// ${p.id}`, `peering ${p.from} -> ${p.to}${flags.length ? ` { ${flags.join(', ')} }` : ''}`);
        }
        for (const t of model.routeTables.filter(t => rtHome.get(t.name) === v.name)) { lines.push('', ...tableBlock(t)); used.add(t.name); }
        files.set(`${v.name}.azrs`, `${lines.join('\n')}\n`);
    }
    const rest: string[] = ['// On-premises sites, BGP sessions and route tables no subnet uses, imported by azrs import.'];
    for (const s of model.sites) {
        rest.push('', `// ${s.id}`);
        if (s.gap) rest.push(`// ${IMPORT_GAP_MARKER} ${s.gap}: give them in the overlay (prefixes) or the tag azrs-prefixes`);
        const props: string[] = [];
        if (s.asn !== undefined) props.push(`  asn: ${s.asn}`);
        props.push(`  prefixes: [${s.prefixes.join(', ')}]`);
        rest.push(`onprem ${s.name} {`, ...props, '}');
    }
    for (const b of model.sessions) {
        const opts2: string[] = [];
        if (b.asOverride !== undefined) opts2.push(`asOverride: ${b.asOverride}`);
        if (b.asPathPrepend !== undefined) opts2.push(`asPathPrepend: ${b.asPathPrepend}`);
        if (b.peerAsn !== undefined) opts2.push(`peerAsn: ${b.peerAsn}`);
        rest.push('', `// ${b.id}`, `bgp ${b.nva} <-> ${b.peer}${opts2.length ? ` { ${opts2.join(', ')} }` : ''}`);
    }
    for (const t of model.routeTables.filter(t => !used.has(t.name))) rest.push('', ...tableBlock(t));
    if (rest.length > 1) files.set(uniqueFileName('sites-and-sessions.azrs', files), `${rest.join('\n')}\n`);
    return files;
}

function uniqueFileName(name: string, files: Map<string, string>): string {
    let n = name;
    for (let i = 2; files.has(n); i++) n = name.replace('.azrs', `-${i}.azrs`);
    return n;
}

function vnetBlock(v: ImportedVNet, opts: WriteOptions, gatewayNames: ReadonlySet<string>): string[] {
    const out = [`// ${v.id}`, `${v.role} ${v.name} {`, `  addressSpace: [${v.addressSpace.join(', ')}]`];
    if (v.region) out.push(`  region: ${v.region}`);
    for (const s of v.subnets) {
        out.push(`  // ${s.id}`, `  subnet ${s.name} { prefix: ${s.prefix}${s.routeTable ? `, routeTable: ${s.routeTable}` : ''} }`);
    }
    if (v.routeServer) {
        const rs = v.routeServer;
        const props = [rs.subnet ? `subnet: ${rs.subnet}` : undefined, rs.branchToBranch ? 'branchToBranch: true' : undefined, rs.hubRoutingPreference && rs.hubRoutingPreference !== 'ExpressRoute' ? `hubRoutingPreference: ${rs.hubRoutingPreference}` : undefined].filter(Boolean);
        out.push(`  // ${rs.id}`, `  routeServer ${rs.name} {`, ...props.map(p => `    ${p}`), '  }');
    }
    for (const g of v.gateways) {
        const props = [`type: ${g.type}`];
        if (g.subnet) props.push(`subnet: ${g.subnet}`);
        // v1 has no VNet-to-VNet connections: those are left to a comment.
        const connections = opts.v2 ? g.connections : g.connections.filter(c => !gatewayNames.has(c));
        props.push(`connections: [${connections.join(', ')}]`);
        if (connections.length < g.connections.length) props.push(`// VNet-to-VNet: ${g.connections.filter(c => gatewayNames.has(c)).join(', ')} (needs the v2 language)`);
        if (g.type === 'Vpn' && g.asn !== undefined && g.asn !== AZURE_ASN) props.push(`asn: ${g.asn}`);
        if (g.type === 'Vpn' && g.activeActive === false) props.push('activeActive: false');
        if (opts.v2 && g.nextHopIps.length > 0) props.push(`nextHopIps: [${g.nextHopIps.join(', ')}]`);
        if (opts.v2 && g.routeTable) props.push(`routeTable: ${g.routeTable}`);
        out.push(`  // ${g.id}`, `  gateway ${g.name} {`, ...props.map(p => `    ${p}`), '  }');
    }
    for (const f of v.firewalls) {
        if (opts.v2) out.push(`  // ${f.id}`, `  firewall ${f.name} {`, `    subnet: ${f.subnet}`, `    ip: ${f.ip}`, '  }');
        else out.push(`  // ${f.id}`, `  // Azure Firewall ${f.name} (${f.ip} in ${f.subnet}): needs the v2 language (firewall)`);
    }
    for (const n of v.nvas) out.push(...nvaBlock(n, opts));
    for (const m of v.vms) out.push(`  // ${m.id}`, `  vm ${m.name} { ip: ${m.ip} }`);
    out.push('}');
    return out;
}

function nvaBlock(n: ImportedNva, opts: WriteOptions): string[] {
    const out = [`  // ${n.id}`];
    if (n.asn !== undefined && n.advertises === undefined) {
        out.push(`  // ${IMPORT_GAP_MARKER} what NVA '${n.name}' advertises: give it in the overlay (advertises) or the tag azrs-advertises`);
    }
    const props: string[] = [];
    if (opts.v2 && n.nics.length > 1) {
        for (const nic of n.nics) props.push(`nic ${nicName(nic.name, n.name)} { ip: ${nic.ip} }`);
    } else {
        props.push(`ip: ${n.nics[0].ip}`);
    }
    if (n.asn !== undefined) props.push(`asn: ${n.asn}`);
    if (n.advertises && n.advertises.length > 0) props.push(`advertises: [${n.advertises.join(', ')}]`);
    if (n.nextHop) props.push(`nextHop: ${n.nextHop}`);
    if (n.state === 'down') props.push('state: down');
    if (!opts.v2 && n.nics.length > 1) out.push(`  // other NICs of ${n.name}: ${n.nics.slice(1).map(x => `${x.name} ${x.ip}`).join(', ')} (nic blocks need the v2 language)`);
    out.push(`  nva ${n.name} {`, ...props.map(p => `    ${p}`), '  }');
    return out;
}

/** A NIC's name without its VM's prefix (`fw1-nic-trust` → `trust`). */
function nicName(nic: string, nva: string): string {
    let n = nic.toLowerCase().startsWith(nva.toLowerCase()) ? nic.slice(nva.length).replace(/^[-_]+/, '') : nic;
    n = n.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+>/g, '-');
    return /^[A-Za-z_]/.test(n) ? n : `nic-${n || 'x'}`;
}

function routeTableBlock(t: ImportedModel['routeTables'][number], firewallByIp: ReadonlyMap<string, string>): string[] {
    const out = [`// ${t.id}`, `routeTable ${t.name} {`];
    if (t.disableBgpRoutePropagation) out.push('  disableBgpRoutePropagation: true');
    for (const r of t.routes) {
        const nextHop = r.nextHop ? firewallByIp.get(r.nextHop) ?? r.nextHop : undefined;
        out.push(`  // ${r.id}`, `  route ${r.name} { prefix: ${r.prefix}, nextHopType: ${r.nextHopType}${nextHop ? `, nextHop: ${nextHop}` : ''} }`);
    }
    out.push('}');
    return out;
}
