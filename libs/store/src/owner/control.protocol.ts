/**
 * The control socket protocol: JSON lines over a unix socket, one request per connection.
 *   client -> {"id":1,"command":"ingest","payload":{...}}
 *   owner  -> {"id":1,"type":"event","event":{...}}            (zero or more, streamed)
 *   owner  -> {"id":1,"type":"result","result":...}            or
 *             {"id":1,"type":"error","error":{"name","message","data"?}}
 */
export interface ControlRequest {
  id: number;
  command: string;
  payload: unknown;
}

export interface ControlErrorBody {
  name: string;
  message: string;
  /** Extra structured detail a handler chose to expose (never personal data). */
  data?: unknown;
}

export type ControlResponse =
  { id: number; type: 'event'; event: unknown } | { id: number; type: 'result'; result: unknown } | { id: number; type: 'error'; error: ControlErrorBody };

/** Emits one progress event to the client of the running command. */
export type ControlEmit = (event: unknown) => void;
export type ControlHandler = (payload: unknown, emit: ControlEmit) => Promise<unknown>;

/** An error raised by the owner while running a command, re-thrown in the client. */
export class ControlCommandError extends Error {
  constructor(
    readonly command: string,
    readonly remote: ControlErrorBody,
  ) {
    super(remote.message);
    this.name = remote.name || 'ControlCommandError';
  }
}

/** Splits a byte stream into JSON lines. */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer | string) => void {
  let buf = '';
  return (chunk) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.trim()) onLine(line);
    }
  };
}
