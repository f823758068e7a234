/**
 * The owner's control socket. Other processes (the CLIs) that find the data directory
 * owned send their command here instead of becoming a second writer. The socket file is
 * created with mode 0600, so only the same user can talk to it.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Ownership } from './owner.lock';
import { lineSplitter, type ControlErrorBody, type ControlHandler, type ControlRequest, type ControlResponse } from './control.protocol';

export class ControlServer {
  private readonly handlers = new Map<string, ControlHandler>();
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  /** Listens on the socket path recorded in the ownership's lock. */
  constructor(private readonly ownership: Pick<Ownership, 'socketPath'>) {}

  get socketPath(): string {
    return this.ownership.socketPath;
  }

  register(command: string, handler: ControlHandler): this {
    if (this.handlers.has(command)) throw new Error(`control command ${command} is already registered`);
    this.handlers.set(command, handler);
    return this;
  }

  commands(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const path = this.socketPath;
    // We own the data dir, so a socket file left behind is from a dead owner.
    rmSync(path, { force: true });
    const server = createServer((socket) => this.onConnection(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // umask so the socket is never briefly world-accessible; chmod for good measure.
      const old = process.umask(0o177);
      try {
        server.listen(path, () => {
          server.off('error', reject);
          resolve();
        });
      } finally {
        process.umask(old);
      }
    });
    chmodSync(path, 0o600);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let started = false;
    socket.on(
      'data',
      lineSplitter((line) => {
        if (started) return; // one request per connection
        started = true;
        void this.handle(socket, line);
      }),
    );
  }

  private async handle(socket: Socket, line: string): Promise<void> {
    const send = (msg: ControlResponse) => {
      if (!socket.destroyed) socket.write(JSON.stringify(msg) + '\n');
    };
    let req: ControlRequest;
    try {
      req = JSON.parse(line) as ControlRequest;
      if (typeof req.command !== 'string') throw new Error('missing command');
    } catch {
      send({ id: 0, type: 'error', error: { name: 'ControlProtocolError', message: 'malformed control request' } });
      socket.end();
      return;
    }
    const handler = this.handlers.get(req.command);
    if (!handler) {
      send({
        id: req.id,
        type: 'error',
        error: { name: 'UnknownControlCommand', message: `the owner process does not handle "${req.command}" (it handles: ${this.commands().join(', ') || 'nothing'})` },
      });
      socket.end();
      return;
    }
    try {
      const result = await handler(req.payload, (event) => send({ id: req.id, type: 'event', event }));
      send({ id: req.id, type: 'result', result: result ?? null });
    } catch (e) {
      send({ id: req.id, type: 'error', error: errorBody(e) });
    }
    socket.end();
  }
}

function errorBody(e: unknown): ControlErrorBody {
  if (e instanceof Error) {
    const data = (e as { data?: unknown }).data;
    return data === undefined ? { name: e.name, message: e.message } : { name: e.name, message: e.message, data };
  }
  return { name: 'Error', message: String(e) };
}
