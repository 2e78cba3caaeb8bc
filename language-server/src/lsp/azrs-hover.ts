import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { VerifyAnalysis } from '../analysis/verify-analysis.js';
import type { WorkspaceAnalysis, Analysis } from '../analysis/workspace-analysis.js';
import { verifyHover } from './verify-hover.js';
import { describeDropReason, describeSessionDown, formatAsPath, receivedLine, speakerLabel } from '../analysis/route-text.js';
import * as ast from '../generated/ast.js';
import { AZURE_ASN } from '../model/azure-constants.js';
import { containsPrefix, formatAddress, overlaps, parseAddress, parsePrefix } from '../model/prefix.js';
import type { Gateway, Intent, IntentEnd, Nva, Prefix, RouteServer, Subnet, TopologyElement, VNet } from '../model/topology.js';
import type { RoutingResult, RoutingSession, Speaker } from '../routing/index.js';
import { formatRouteTable } from '../routing/index.js';
import { routeText, type Hop } from '../routing/forwarding.js';
import type { IntentResult } from '../routing/intents.js';

/** Rows shown in a hover before "… N more". */
const MAX_ROWS = 40;
const MAX_LINES = 25;

/**
 * Hovers of docs/language.md §4: effective route tables on VMs, subnets and VNets; what NVAs, route
 * servers and sessions exchange; the objects a prefix literal falls in. Everything is read from the
 * workspace analysis of the current build; nothing is recomputed here.
 */
export class AzrsHoverProvider extends AstNodeHoverProvider {
    private readonly analysis: WorkspaceAnalysis;
    private readonly services: LangiumServices;
    private readonly verify: VerifyAnalysis | undefined;

    constructor(services: LangiumServices & { analysis: { WorkspaceAnalysis: WorkspaceAnalysis; VerifyAnalysis?: VerifyAnalysis } }) {
        super(services);
        this.services = services;
        this.analysis = services.analysis.WorkspaceAnalysis;
        this.verify = services.analysis.VerifyAnalysis;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (root) {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
            if (leaf && /^[0-9]/.test(leaf.text)) {
                const content = this.literalHover(leaf.text);
                if (content) return { contents: { kind: 'markdown', value: content }, range: leaf.range };
            }
            const session = leaf && AstUtils.getContainerOfType(leaf.astNode, ast.isBgpSession);
            if (leaf && session && (leaf.text === 'bgp' || leaf.text === '<->')) {
                const content = this.getAstNodeHoverContent(session);
                if (content) return { contents: { kind: 'markdown', value: content }, range: leaf.range };
            }
        }
        return super.getHoverContent(document, params);
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        const doc = this.services.documentation.DocumentationProvider.getDocumentation(node);
        const analysis = this.analysis.get();
        const element = analysis.built.elementOf.get(node);
        const body = element ? this.elementHover(element, analysis) : undefined;
        // azrs verify: azrs's and Azure's rows side by side, where Azure's outputs cover the element.
        const compared = element && this.verify ? this.verify.of(element) : [];
        const parts = [body?.title, doc, body?.content, compared.length ? verifyHover(compared) : undefined].filter((p): p is string => Boolean(p));
        return parts.length ? parts.join('\n\n') : undefined;
    }

    private elementHover(el: TopologyElement, analysis: Analysis): { title: string; content?: string } | undefined {
        const routing = analysis.routing;
        switch (el.kind) {
            case 'vm':
                return {
                    title: `**VM ${el.name}** · ${el.ipText ?? 'no IP'} · ${subnetLabel(el.subnet)}`,
                    content: routeTable(routing, el.subnet)
                };
            case 'subnet':
                return { title: `**Subnet ${el.name}** of ${el.vnet.name} · ${el.prefix?.text ?? 'no prefix'}${el.routeTable ? ` · route table ${el.routeTable.name}` : ''}`, content: routeTable(routing, el) };
            case 'vnet':
                return { title: `**${roleWord(el)} ${el.name}** · ${el.addressSpace.map(p => p.text).join(', ') || 'no addressSpace'}${el.region ? ` · ${el.region}` : ''}`, content: vnetHover(routing, el) };
            case 'nva':
                return { title: `**NVA ${el.name}** · ${el.asn === undefined ? 'no BGP (no asn)' : `AS ${el.asn}`} · ${nicsLabel(el)}${el.state === 'down' ? ' · state: down' : ''}${el.stateful ? '' : ' · stateless'}`, content: nvaHover(routing, el) };
            case 'nic':
                return {
                    title: `**NIC ${el.owner.name}/${el.name}**${el.primary ? ' (first NIC: BGP, default next hop)' : ''} · ${el.ipText ?? 'no IP'} · ${subnetLabel(el.subnet)}`,
                    content: routeTable(routing, el.subnet)
                };
            case 'firewall':
                return {
                    title: `**Azure Firewall ${el.name}** · ${el.ipText ?? 'no IP'} · ${el.vnet.name}/AzureFirewallSubnet ${el.subnet.prefix?.text ?? '(no prefix)'} · stateful, no BGP`,
                    content: routeTable(routing, el.subnet)
                };
            case 'routeServer':
                return { title: `**Route server ${el.name}** in ${el.vnet.name} · AS ${AZURE_ASN} · branch-to-branch ${el.branchToBranch ? 'on' : 'off'} · ${el.hubRoutingPreference}`, content: routeServerHover(routing, el) };
            case 'gateway':
                return { title: gatewayTitle(el), content: gatewayHover(routing, el) };
            case 'onprem':
                return { title: `**Site ${el.name}** · ${el.asn === undefined ? 'static (no asn)' : `AS ${el.asn}`} · ${el.prefixes.map(p => p.text).join(', ')}`, content: speakerSessions(routing, el) };
            case 'intent': {
                // docs/semantics.md §6.8: both paths of every flow the intent names.
                const result = analysis.intents.find(r => r.intent === el);
                return {
                    title: `${intentTitle(el)} · ${result ? (result.holds ? 'holds' : 'does not hold') : 'not traced'}`,
                    content: result ? intentHover(result) : undefined
                };
            }
            case 'bgp': {
                const session = routing.session(el);
                return { title: `**bgp ${el.left.name} <-> ${el.right.name}**${session?.up === false && session.down ? ` · down: ${describeSessionDown(session.down)}` : ''}`, content: session ? sessionHover(routing, session) : undefined };
            }
            case 'peering':
                return { title: `**peering ${el.from.name} -> ${el.to.name}** · ${el.state}` };
            case 'routeTable':
                return { title: `**Route table ${el.name}**${el.disableBgpRoutePropagation ? ' · BGP route propagation disabled' : ''}` };
            default:
                return undefined;
        }
    }

    /** A prefix or address literal: the objects whose ranges contain it or overlap it. */
    private literalHover(text: string): string | undefined {
        const prefix = parsePrefix(text);
        let target: Prefix | undefined = prefix.ok ? prefix.prefix : prefix.reason === 'host-bits' ? prefix.normalized : undefined;
        if (!target) {
            const address = parseAddress(text);
            if (!address.ok) return undefined;
            target = { text, network: address.address, length: 32, first: address.address, last: address.address };
        }
        const { topology } = this.analysis.get().built;
        const contains: string[] = [];
        const overlapping: string[] = [];
        const consider = (label: string, range: Prefix) => {
            if (range.first === target.first && range.last === target.last) return;
            if (containsPrefix(range, target)) contains.push(`${label} (${range.text})`);
            else if (overlaps(range, target)) overlapping.push(`${label} (${range.text})`);
        };
        for (const vnet of topology.vnets) {
            for (const r of vnet.addressSpace) consider(`${roleWord(vnet)} ${vnet.name}`, r);
            for (const s of vnet.subnets) if (s.prefix) consider(`subnet ${vnet.name}/${s.name}`, s.prefix);
            for (const rs of vnet.routeServers) if (rs.subnet) consider(`RouteServerSubnet of ${rs.name}`, rs.subnet);
            for (const g of vnet.gateways) if (g.subnet) consider(`GatewaySubnet of ${g.name}`, g.subnet);
            for (const f of vnet.firewalls) if (f.subnet.prefix) consider(`AzureFirewallSubnet of ${f.name}`, f.subnet.prefix);
            for (const n of vnet.nvas) for (const a of n.advertises) consider(`advertised by NVA ${n.name}`, a);
        }
        for (const site of topology.sites) for (const p of site.prefixes) consider(`site ${site.name}`, p);
        const lines = [`**${target.length === 32 && !text.includes('/') ? formatAddress(target.first) : target.text}**`];
        if (contains.length) lines.push(`Inside: ${cap(contains, 10).join(', ')}`);
        if (overlapping.length) lines.push(`Overlaps: ${cap(overlapping, 10).join(', ')}`);
        if (!contains.length && !overlapping.length) lines.push('No other range of the topology contains or overlaps it.');
        return lines.join('\n\n');
    }
}

/** The NICs of an NVA: `10.1.2.4`, or `untrust 10.1.1.4, trust 10.1.2.4` for several. */
function nicsLabel(nva: Nva): string {
    if (nva.nics.length <= 1) return nva.ipText ?? 'no IP';
    return nva.nics.map(n => `${n.name} ${n.ipText ?? 'no IP'}`).join(', ');
}

function gatewayTitle(gw: Gateway): string {
    const parts = [`**${gw.type === 'Vpn' ? 'VPN' : 'ExpressRoute'} gateway ${gw.name}** in ${gw.vnet.name} · AS ${gw.asn}`];
    if (gw.nextHopIpTexts.length) parts.push(`next hops ${gw.nextHopIpTexts.join(', ')}`);
    if (gw.vnetConnections.length) parts.push(`VNet-to-VNet: ${gw.vnetConnections.map(g => g.name).join(', ')}`);
    if (gw.routeTable) parts.push(`GatewaySubnet route table ${gw.routeTable.name}`);
    return parts.join(' · ');
}

/** Its sessions, and with a route table on the GatewaySubnet, that subnet's effective routes. */
function gatewayHover(routing: RoutingResult, gw: Gateway): string | undefined {
    const sessions = speakerSessions(routing, gw);
    if (!gw.routeTable) return sessions;
    return [sessions, routeTable(routing, gw.gatewaySubnet)].filter(Boolean).join('\n\n');
}

function intentEndLabel(end: IntentEnd | undefined): string {
    if (!end) return '?';
    if (end.kind === 'address') return end.text;
    if (end.kind === 'subnet') return `subnet ${end.vnet.name}/${end.name}`;
    if (end.kind === 'vnet') return `VNet ${end.name}`;
    const word = end.kind === 'vm' ? 'VM' : end.kind === 'nva' ? 'NVA' : end.kind === 'firewall' ? 'firewall' : 'site';
    return `${word} ${end.name}`;
}

function intentTitle(intent: Intent): string {
    const via = intent.via.length ? ` via ${intent.via.map(d => d.name).join(' → ')}` : '';
    return `**Intent ${intent.name}** · ${intentEndLabel(intent.from)} → ${intentEndLabel(intent.to)}${via} · ${intent.reachable ? 'must be reachable' : 'must not be reachable'}`;
}

function roleWord(v: VNet): string {
    return v.role === 'hub' ? 'Hub' : v.role === 'spoke' ? 'Spoke' : 'VNet';
}

function subnetLabel(s: Subnet): string {
    return s.implicit ? `${s.vnet.name} (default subnet)` : `${s.vnet.name}/${s.name}`;
}

function cap(items: string[], max: number): string[] {
    return items.length > max ? [...items.slice(0, max), `… ${items.length - max} more`] : items;
}

/** The portal's Effective routes blade as a Markdown table, capped. */
export function routeTable(routing: RoutingResult, subnet: Subnet): string {
    const rows = routing.effectiveRoutes(subnet);
    const shown = rows.slice(0, MAX_ROWS);
    const table = formatRouteTable(shown, 'markdown');
    const more = rows.length > MAX_ROWS ? `\n\n… ${rows.length - MAX_ROWS} more (run \`azrs routes --subnet ${subnet.vnet.name}/${subnet.name}\` for all)` : '';
    const note = routing.converged ? '' : '\n\n⚠ Route propagation did not converge; these routes are a snapshot.';
    return `Effective routes (${subnetLabel(subnet)}):\n\n${table}${more}${note}`;
}

function vnetHover(routing: RoutingResult, vnet: VNet): string {
    const withTables = vnet.subnets.filter(s => s.routeTable).map(s => `${s.name} (${s.routeTable!.name})`);
    const note = withTables.length ? `\n\nSubnets with a route table differ: ${withTables.join(', ')}.` : '';
    return routeTable(routing, vnet.defaultSubnet) + note;
}

function sessionsOf(routing: RoutingResult, speaker: Speaker): readonly RoutingSession[] {
    return routing.rib(speaker)?.sessions ?? [];
}

function peerOf(session: RoutingSession, speaker: Speaker): Speaker {
    return session.a === speaker ? session.b : session.a;
}

function sessionTitle(session: RoutingSession): string {
    const state = session.up ? 'up' : `down (${session.down ? describeSessionDown(session.down) : 'down'})`;
    const label = session.kind === 'bgp' ? `bgp ${session.a.name} <-> ${session.b.name}`
        : session.kind === 'branch-to-branch' ? `branch-to-branch ${session.a.name} <-> ${session.b.name}` : `connection ${session.a.name} <-> ${session.b.name}`;
    return `**${label}** · ${state}`;
}

function bulletList(lines: string[]): string {
    return cap(lines, MAX_LINES).map(l => `- ${l}`).join('\n');
}

function nvaHover(routing: RoutingResult, nva: Nva): string | undefined {
    return speakerSessions(routing, nva);
}

/** Per session: what the speaker receives (and drops, with the reason) and what it advertises. */
function speakerSessions(routing: RoutingResult, speaker: Speaker): string | undefined {
    const rib = routing.rib(speaker);
    if (!rib) return undefined;
    const parts: string[] = [];
    for (const session of sessionsOf(routing, speaker)) {
        const received = rib.received.filter(r => r.session === session);
        const sent = session.a === speaker ? session.aToB : session.bToA;
        parts.push(sessionTitle(session));
        parts.push(`Receives from ${peerOf(session, speaker).name}:\n${received.length ? bulletList(received.map(receivedLine)) : '- nothing'}`);
        parts.push(`Advertises to ${peerOf(session, speaker).name}:\n${sent.length ? bulletList(sent.map(a => `${a.prefix.text} [${formatAsPath(a.asPath)}]`)) : '- nothing'}`);
    }
    return parts.length ? parts.join('\n\n') : 'No BGP sessions.';
}

function routeServerHover(routing: RoutingResult, rs: RouteServer): string | undefined {
    const rib = routing.rib(rs);
    if (!rib) return undefined;
    const parts: string[] = [];
    for (const session of rib.sessions) {
        const peer = peerOf(session, rs);
        const received = rib.received.filter(r => r.session === session);
        const learned = received.filter(r => r.accepted);
        const dropped = received.filter(r => !r.accepted);
        parts.push(`${sessionTitle(session)}\n\nLearned from ${speakerLabel(peer)}:\n${learned.length ? bulletList(learned.map(receivedLine)) : '- nothing'}`
            + (dropped.length ? `\n\nDropped:\n${bulletList(dropped.map(r => `${r.prefix.text} [${formatAsPath(r.asPath)}]: ${r.reason ? describeDropReason(r.reason) : 'not used'}`))}` : ''));
    }
    const program = routing.program(rs);
    if (program) {
        const lines = program.routes.map(p => `${p.prefix.text} → ${p.nvas.map(n => n.name).join(', ') || p.nextHops.map(formatAddress).join(', ') || 'gateway'}`);
        parts.push(`Programs into ${program.domain.map(v => v.name).join(', ')}:\n${lines.length ? bulletList(lines) : '- nothing'}`);
    }
    return parts.join('\n\n');
}

function sessionHover(routing: RoutingResult, session: RoutingSession): string {
    const direction = (from: Speaker, to: Speaker) => {
        const received = routing.rib(to)?.received.filter(r => r.session === session) ?? [];
        const lines = received.map(r => `${r.prefix.text} [${formatAsPath(r.asPath)}]${r.accepted ? '' : ` — dropped at ${to.name}: ${r.reason ? describeDropReason(r.reason) : 'not used'}`}`);
        return `${from.name} → ${to.name}:\n${lines.length ? bulletList(lines) : '- nothing'}`;
    };
    const parts = [direction(session.a, session.b), direction(session.b, session.a)];
    if (!session.up && session.down) parts.unshift(`The session is down: ${describeSessionDown(session.down)}; it would carry:`);
    return parts.join('\n\n');
}

/** Each flow of an intent: the forward path and the reply, hop by hop (the first three flows). */
function intentHover(result: IntentResult): string {
    if (result.flows.length === 0) return 'Nothing to trace: the intent names no VM, device, site or address with an address.';
    const lines: string[] = [];
    for (const flow of result.flows.slice(0, 3)) {
        const t = flow.trace;
        lines.push(`**${t.from.name} → ${formatAddress(t.destination)}**: ${t.forward.disposition}${t.reply ? `, reply ${t.reply.disposition}` : ''}${t.asymmetric.length ? ` · asymmetric: ${t.asymmetric.map(d => d.name).join(', ')}` : ''}`);
        if (flow.departure) lines.push(`✗ ${flow.departure}`);
        const block = ['forward', ...hopLines(t.forward.branches[0]?.hops ?? [])];
        if (t.reply) block.push('return', ...hopLines(t.reply.branches[0]?.hops ?? []));
        lines.push('```text\n' + block.join('\n') + '\n```');
    }
    if (result.flows.length > 3) lines.push(`… ${result.flows.length - 3} more flows`);
    return lines.join('\n\n');
}

function hopLines(hops: readonly Hop[]): string[] {
    return hops.map(h => `  ${h.hop}  ${h.device.name}${h.route ? `  ${routeText(h.route)}` : ''}${h.nextHop ? ` -> ${h.nextHop.name}` : ''}`);
}
