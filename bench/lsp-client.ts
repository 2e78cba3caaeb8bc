import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A small JSON-RPC client for `azrs lsp --stdio`, shared by the benchmark and the fuzz tests:
 * requests with a deadline, notifications recorded as they arrive, the server's own requests
 * (configuration, registrations, progress) answered, and the server's stderr and exit kept so that a
 * crash is reported rather than waited on.
 */

export interface Notification {
    readonly method: string;
    readonly params: any;
    /** performance.now() when it arrived. */
    readonly at: number;
}

export class RequestTimeout extends Error {}

export class LspClient {
    readonly child: ChildProcessWithoutNullStreams;
    readonly notifications: Notification[] = [];
    stderr = '';
    exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly waiting = new Map<number, { resolve: (m: any) => void; reject: (e: Error) => void }>();
    private readonly listeners = new Set<() => void>();

    constructor(bin: string, options: { cwd?: string; nodeArgs?: string[] } = {}) {
        this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, 'lsp', '--stdio'], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
        this.child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        this.child.stdin.on('error', () => { /* the exit handler reports it */ });
        this.child.on('exit', (code, signal) => {
            this.exit = { code, signal };
            for (const { reject } of this.waiting.values()) reject(new Error(`server exited (code ${code}, signal ${signal}); stderr: ${this.stderr.slice(-2000)}`));
            this.waiting.clear();
            this.listeners.forEach(l => l());
        });
    }

    private onData(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const header = this.buffer.indexOf('\r\n\r\n');
            if (header < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString())![1]);
            if (this.buffer.length < header + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString());
            this.buffer = this.buffer.subarray(header + 4 + length);
            if (message.id !== undefined && message.method === undefined) {
                const w = this.waiting.get(message.id);
                this.waiting.delete(message.id);
                w?.resolve(message);
            } else if (message.id !== undefined) {
                const result = message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
                this.send({ jsonrpc: '2.0', id: message.id, result });
            } else {
                this.notifications.push({ method: message.method, params: message.params, at: performance.now() });
            }
            this.listeners.forEach(l => l());
        }
    }

    private send(message: object): void {
        if (this.exit) return;
        const body = JSON.stringify(message);
        this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }

    /** Sends a request; resolves with the whole response message (result or error). */
    requestRaw(method: string, params: object, timeoutMs = 30_000): Promise<{ result?: any; error?: { code: number; message: string } }> {
        if (this.exit) return Promise.reject(new Error(`server exited (code ${this.exit.code}); stderr: ${this.stderr.slice(-2000)}`));
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiting.delete(id);
                reject(new RequestTimeout(`${method} not answered within ${timeoutMs} ms`));
            }, timeoutMs);
            this.waiting.set(id, {
                resolve: m => { clearTimeout(timer); resolve(m); },
                reject: e => { clearTimeout(timer); reject(e); }
            });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    /** Sends a request; resolves with its result, rejects on an error response. */
    async request(method: string, params: object, timeoutMs = 30_000): Promise<any> {
        const m = await this.requestRaw(method, params, timeoutMs);
        if (m.error) throw new Error(`${method}: ${m.error.code} ${m.error.message}`);
        return m.result;
    }

    notify(method: string, params: object): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Resolves with the first non-undefined value of `find`, checked on every message. */
    waitFor<T>(find: () => T | undefined, ms = 30_000, what = 'the server'): Promise<T> {
        return new Promise((resolve, reject) => {
            const done = () => {
                clearTimeout(timer);
                this.listeners.delete(check);
            };
            const timer = setTimeout(() => {
                done();
                reject(new RequestTimeout(`timed out after ${ms} ms waiting for ${what}`));
            }, ms);
            const check = () => {
                const found = find();
                if (found !== undefined) {
                    done();
                    resolve(found);
                } else if (this.exit) {
                    done();
                    reject(new Error(`server exited (code ${this.exit.code}) while waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
                }
            };
            this.listeners.add(check);
            check();
        });
    }

    /** The next publishDiagnostics for `uri` after notification number `after`. */
    nextDiagnostics(uri: string, after: number, ms = 30_000): Promise<Notification> {
        return this.waitFor(() => {
            for (let i = after; i < this.notifications.length; i++) {
                const n = this.notifications[i];
                if (n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri) return n;
            }
            return undefined;
        }, ms, `diagnostics of ${uri}`);
    }

    async initialize(): Promise<any> {
        const init = await this.request('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } }
        });
        this.notify('initialized', {});
        return init;
    }

    /** Peak resident set size of the server so far (Linux), in bytes. */
    peakRss(): number | undefined {
        try {
            const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
            const m = /VmHWM:\s+(\d+) kB/.exec(status);
            return m ? Number(m[1]) * 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    /** CPU time (user + system) the server has used so far (Linux, 10 ms resolution), in ms. */
    cpuTimeMs(): number | undefined {
        try {
            const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            // Fields 14 and 15 of proc(5), counted from the state field (3).
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return undefined;
        }
    }

    async shutdown(): Promise<void> {
        if (this.exit) return;
        try {
            await this.request('shutdown', {}, 5000);
            this.notify('exit', {});
            await this.waitFor(() => this.exit, 5000, 'exit');
        } catch {
            this.child.kill();
        }
    }

    kill(): void {
        if (!this.exit) this.child.kill();
    }
}
