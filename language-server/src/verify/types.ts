/**
 * What `azrs verify` reads from Azure's outputs and what it reports (docs/language.md §5, docs/verify.md).
 * Plain data: no Langium, no VS Code, no file system.
 */

/**
 * A problem in one of Azure's output files: the CLI prints `file:line: message` and exits 2, the
 * editor shows it in its output channel. `line` is 1-based; undefined when the problem is the file
 * as a whole (an unknown name).
 */
export class ActualInputError extends Error {
    constructor(readonly file: string, readonly line: number | undefined, readonly detail: string) {
        super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    }
}

/**
 * One entry of `az network nic show-effective-route-table` (`-o json` or `-o table`), as read:
 * the spellings as Azure wrote them, every prefix and next hop IP of the entry.
 */
export interface RawEffectiveRoute {
    readonly source: string;
    readonly state: string;
    readonly addressPrefix: readonly string[];
    readonly nextHopType: string;
    readonly nextHopIpAddress: readonly string[];
    /** 1-based line of the entry in its file. */
    readonly line: number;
}

/** A whole effective-route file. */
export interface RawEffectiveRouteTable {
    readonly file: string;
    readonly format: 'json' | 'table';
    readonly routes: readonly RawEffectiveRoute[];
}

/**
 * One BGP route of `az network routeserver peering list-learned-routes` / `list-advertised-routes`
 * or `az network vnet-gateway list-learned-routes`. `asPath` is split from Azure's hyphen-joined
 * text (`65002-65001` → [65002, 65001]); empty for a route the speaker originates.
 */
export interface RawBgpRoute {
    readonly network: string;
    readonly nextHop: string;
    readonly asPath: readonly number[];
    /** `EBgp`, `IBgp`, `Network` (gateway routes), `Igp` (advertised routes). */
    readonly origin: string;
    readonly sourcePeer: string;
    /** `RouteServiceRole_IN_0` / `_IN_1` for route server lists, undefined for gateways. */
    readonly instance: string | undefined;
    readonly line: number;
}

export type ActualFileKind = 'effective-routes' | 'rs-learned' | 'rs-advertised' | 'gateway-learned';

/** What a file's name says it holds (docs/verify.md, "File names"). */
export interface ActualFileName {
    readonly kind: ActualFileKind;
    readonly format: 'json' | 'table';
    /** VM, NVA (first NIC), route server or gateway name. */
    readonly element: string;
    /** The NIC of an NVA (`fw1.trust.effective-routes.json`) or the peer NVA of a route server list. */
    readonly sub: string | undefined;
}

/** Every file of an `--actual` folder, read. */
export interface ActualState {
    readonly routeTables: ReadonlyArray<{ readonly name: ActualFileName; readonly table: RawEffectiveRouteTable }>;
    readonly bgpLists: ReadonlyArray<{ readonly name: ActualFileName; readonly file: string; readonly routes: readonly RawBgpRoute[] }>;
    /** Files left out on purpose (README, SOURCE.md, LICENSE, dotfiles), named so nothing is skipped silently. */
    readonly ignored: readonly string[];
}

/** One side of a compared row, in `az`'s JSON shape (docs/language.md §5). */
export interface VerifyRouteSide {
    readonly source: string;
    readonly state: string;
    readonly nextHopType: string;
    readonly nextHopIpAddress: readonly string[];
}

/** One side of a compared BGP route. */
export interface VerifyBgpSide {
    readonly asPath: string;
    readonly nextHop: string;
}

export type VerifyCode =
    | 'verify-route-missing' | 'verify-route-extra' | 'verify-route-different'
    | 'verify-learned-missing' | 'verify-learned-extra';

/**
 * One difference (docs/language.md §5 `differences[]`). `azure` or `azrs` is null on the side that
 * lacks the row; `explanation` is azrs's own reason for its side.
 */
export interface VerifyDifference {
    readonly code: VerifyCode;
    /** The Azure file, as a path under the `--actual` folder. */
    readonly file: string;
    /** 1-based line of Azure's row in `file`; undefined for a row only azrs has. */
    readonly line: number | undefined;
    /** VM, NVA NIC (`fw1/trust`), `routeServer/nva`, or gateway. */
    readonly element: string;
    readonly addressPrefix: string;
    readonly azure: VerifyRouteSide | VerifyBgpSide | null;
    readonly azrs: VerifyRouteSide | VerifyBgpSide | null;
    /** Which fields differ, for `verify-route-different`: `state`, `nextHopType`, `nextHopIpAddress`. */
    readonly fields?: readonly string[];
    readonly explanation: string;
    /** One line for text output and diagnostics. */
    readonly message: string;
}

/** A row counted but not compared, and why (docs/verify.md, "Normalisation"). */
export interface NotModelledRow {
    readonly file: string;
    readonly line: number | undefined;
    readonly element: string;
    readonly addressPrefix: string;
    readonly side: 'azure' | 'azrs';
    readonly reason: string;
}

/** A row on both sides, for hovers (side by side). */
export interface ComparedRow {
    readonly addressPrefix: string;
    readonly azure: VerifyRouteSide | VerifyBgpSide | null;
    readonly azrs: VerifyRouteSide | VerifyBgpSide | null;
    readonly agrees: boolean;
}

/** The comparison of one Azure file with azrs's answer for the same element. */
export interface ElementVerification {
    readonly file: string;
    readonly kind: ActualFileKind;
    readonly element: string;
    /** The topology element the findings are anchored on: a VM, NVA, gateway or BGP session. */
    readonly target: object;
    readonly matched: number;
    readonly rows: readonly ComparedRow[];
    readonly differences: readonly VerifyDifference[];
    readonly notModelled: readonly NotModelledRow[];
}

export interface VerifyReport {
    /** Elements compared (files read). */
    readonly compared: number;
    readonly matched: number;
    readonly notModelled: number;
    readonly differences: readonly VerifyDifference[];
    readonly elements: readonly ElementVerification[];
    readonly ignoredFiles: readonly string[];
}
