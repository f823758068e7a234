/**
 * One owner process per data directory. PGlite and the snapshot writer belong to it; other
 * processes send it commands over the control socket. The lock is `<dataDir>/owner.lock`,
 * created atomically (O_EXCL) with the owner's pid; a lock left by a dead process is taken
 * over. The pid's start time (Linux /proc) guards against a recycled pid.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirLayout } from '../analytic/data-dir';

export interface OwnerInfo {
  pid: number;
  /** Process start time from /proc/<pid>/stat (clock ticks since boot); null off Linux. */
  proc_start: string | null;
  hostname: string;
  started_at: string;
  socket_path: string;
}

export class DataDirOwnedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerInfo,
  ) {
    super(`data directory ${dataDir} is owned by process ${owner.pid} (started ${owner.started_at})`);
    this.name = 'DataDirOwnedError';
  }
}

/** Unix socket paths are limited to ~107 bytes; keep a margin. */
const MAX_SOCKET_PATH = 100;

/** `<dataDir>/control.sock`, or a hashed name under the temp dir when that path is too long. */
export function controlSocketPath(dataDir: string): string {
  const root = dataDirLayout(dataDir).root;
  const direct = join(root, 'control.sock');
  if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH) return direct;
  const hash = createHash('sha256').update(root).digest('hex').slice(0, 20);
  return join(tmpdir(), `weegwijzer-${hash}.sock`);
}

/** State and start time from /proc/<pid>/stat (Linux); null elsewhere or when the pid is gone. */
function procStat(pid: number): { state: string; start: string | null } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], start: fields[19] ?? null };
  } catch {
    return null;
  }
}

function procStart(pid: number): string | null {
  return procStat(pid)?.start ?? null;
}

function isAlive(info: OwnerInfo): boolean {
  if (info.hostname !== hostname()) return true; // cannot tell; assume it is (shared volume)
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStat(info.pid);
  // Killed but not yet reaped by its parent (zombie) or dying: it holds nothing any more.
  if (now && (now.state === 'Z' || now.state === 'X' || now.state === 'x')) return false;
  if (info.proc_start !== null && now?.start != null && now.start !== info.proc_start) return false; // pid recycled
  return true;
}

function readLock(file: string): OwnerInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as OwnerInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written lock: a crash between create and write. Treat as stale.
    return { pid: -1, proc_start: null, hostname: hostname(), started_at: '', socket_path: '' };
  }
}

/** The live owner of the data directory, or null. */
export function readLiveOwner(dataDir: string): OwnerInfo | null {
  const info = readLock(dataDirLayout(dataDir).ownerLock);
  if (!info || info.pid < 0) return null;
  return isAlive(info) ? info : null;
}

export interface Ownership {
  readonly dataDir: string;
  readonly info: OwnerInfo;
  readonly socketPath: string;
  /** Removes the lock (only if it is still ours). Idempotent. */
  release(): void;
}

const held = new Map<string, { ownership: Ownership; refs: number }>();

/**
 * Makes this process the owner of `dataDir`, or throws DataDirOwnedError naming the live
 * owner. Re-entrant within one process (reference counted).
 */
export function acquireOwnership(dataDir: string): Ownership {
  const layout = dataDirLayout(dataDir);
  const mine = held.get(layout.root);
  if (mine) {
    mine.refs++;
    return mine.ownership;
  }
  mkdirSync(layout.root, { recursive: true });
  const info: OwnerInfo = {
    pid: process.pid,
    proc_start: procStart(process.pid),
    hostname: hostname(),
    started_at: new Date().toISOString(),
    socket_path: controlSocketPath(layout.root),
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    if (tryCreate(layout.ownerLock, info)) {
      let released = false;
      const ownership: Ownership = {
        dataDir: layout.root,
        info,
        socketPath: info.socket_path,
        release() {
          const entry = held.get(layout.root);
          if (entry && --entry.refs > 0) return;
          held.delete(layout.root);
          if (released) return;
          released = true;
          const now = readLock(layout.ownerLock);
          if (now && now.pid === info.pid && now.started_at === info.started_at) rmSync(layout.ownerLock, { force: true });
        },
      };
      held.set(layout.root, { ownership, refs: 1 });
      return ownership;
    }
    const existing = readLock(layout.ownerLock);
    // A lock with our own pid that we do not hold is a leftover (e.g. a released handle's file).
    if (existing && existing.pid >= 0 && existing.pid !== process.pid && isAlive(existing)) {
      throw new DataDirOwnedError(layout.root, existing);
    }
    if (!takeOverStale(layout.ownerLock, existing)) sleepSync(25 * (attempt + 1));
  }
  throw new Error(`could not acquire ${layout.ownerLock}: it keeps changing`);
}

function tryCreate(file: string, info: OwnerInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(info) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock. Two processes may find the same stale lock; a short-lived
 * takeover mutex (itself O_EXCL) makes sure only one of them removes it, and only if it
 * is still the stale one it looked at (not a fresh lock created meanwhile).
 */
function takeOverStale(lockFile: string, stale: OwnerInfo | null): boolean {
  const mutex = `${lockFile}.takeover`;
  let fd: number;
  try {
    fd = openSync(mutex, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Another process is taking over; a mutex older than 10 s belongs to a crashed one.
    try {
      if (Date.now() - statSync(mutex).mtimeMs > 10_000) unlinkSync(mutex);
    } catch {
      /* gone already */
    }
    return false;
  }
  closeSync(fd);
  try {
    const now = readLock(lockFile);
    if (now && (stale === null || (now.pid === stale.pid && now.started_at === stale.started_at))) {
      const aside = `${lockFile}.stale-${randomBytes(4).toString('hex')}`;
      renameSync(lockFile, aside);
      rmSync(aside, { force: true });
    }
  } finally {
    rmSync(mutex, { force: true });
  }
  return true;
}

/** A short synchronous pause while another process finishes a takeover. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
