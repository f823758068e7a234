/** Client side of the control socket: sends one command to the owner of a data dir. */
import { connect } from 'node:net';
import { readLiveOwner } from './owner.lock';
import { ControlCommandError, lineSplitter, type ControlResponse } from './control.protocol';

export class NoOwnerError extends Error {
  constructor(readonly dataDir: string) {
    super(`no live process owns ${dataDir}`);
    this.name = 'NoOwnerError';
  }
}

let nextId = 1;

/**
 * Sends `command` to the live owner of `dataDir` and resolves with its result; streamed
 * progress events go to `onEvent`. Rejects with NoOwnerError when nobody owns the dir or
 * its socket does not answer, and with ControlCommandError when the command failed there.
 */
export function sendControl<T = unknown>(dataDir: string, command: string, payload: unknown, onEvent?: (event: unknown) => void): Promise<T> {
  const owner = readLiveOwner(dataDir);
  if (!owner) return Promise.reject(new NoOwnerError(dataDir));
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      fn();
    };
    const socket = connect(owner.socket_path);
    socket.on('connect', () => socket.write(JSON.stringify({ id, command, payload }) + '\n'));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const unreachable = e.code === 'ENOENT' || e.code === 'ECONNREFUSED';
      finish(() => reject(unreachable ? new NoOwnerError(dataDir) : e));
    });
    socket.on('close', () => finish(() => reject(new Error(`the owner process (pid ${owner.pid}) closed the connection before answering "${command}"`))));
    socket.on(
      'data',
      lineSplitter((line) => {
        let msg: ControlResponse;
        try {
          msg = JSON.parse(line) as ControlResponse;
        } catch {
          finish(() => reject(new Error('malformed response on the control socket')));
          return;
        }
        if (msg.type === 'event') onEvent?.(msg.event);
        else if (msg.type === 'result') finish(() => resolve(msg.result as T));
        else if (msg.type === 'error') finish(() => reject(new ControlCommandError(command, msg.error)));
      }),
    );
  });
}
