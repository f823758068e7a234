import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireOwnership, controlSocketPath, DataDirOwnedError, readLiveOwner } from './owner.lock';
import { ControlServer } from './control.server';
import { NoOwnerError, sendControl } from './control.client';
import { ControlCommandError } from './control.protocol';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ww-owner-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A pid that certainly belongs to no running process: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('owner lock', () => {
  it('creates owner.lock with our pid and removes it on release', () => {
    const dir = tempDir();
    const own = acquireOwnership(dir);
    const lock = JSON.parse(readFileSync(join(dir, 'owner.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    expect(lock.socket_path).toBe(join(dir, 'control.sock'));
    expect(readLiveOwner(dir)?.pid).toBe(process.pid);
    own.release();
    expect(existsSync(join(dir, 'owner.lock'))).toBe(false);
    expect(readLiveOwner(dir)).toBeNull();
  });

  it('refuses a second owner while the first one lives', async () => {
    const dir = tempDir();
    // A child process takes the lock and waits.
    const child = spawn(process.execPath, [
      '-e',
      `
      const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(join(dir, 'owner.lock'))}, JSON.stringify({ pid: process.pid, proc_start: null, hostname: require('os').hostname(), started_at: 'x', socket_path: '/nonexistent.sock' }));
      process.stdout.write('ready\\n');
      setTimeout(() => {}, 60000);
    `,
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    try {
      expect(() => acquireOwnership(dir)).toThrow(DataDirOwnedError);
      expect(readLiveOwner(dir)?.pid).toBe(child.pid);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the stale lock of a dead process', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeFileSync(join(dir, 'owner.lock'), JSON.stringify({ pid, proc_start: null, hostname: hostname(), started_at: 'old', socket_path: 'x' }));
    expect(readLiveOwner(dir)).toBeNull();
    const own = acquireOwnership(dir);
    expect(JSON.parse(readFileSync(join(dir, 'owner.lock'), 'utf8')).pid).toBe(process.pid);
    own.release();
  });

  it('takes over at once the lock of a killed process its parent has not reaped yet (zombie)', async () => {
    const dir = tempDir();
    // sh starts `sleep 0` in the background and then becomes `sleep 3`, which never waits for
    // it: the finished `sleep 0` stays a zombie, as a kill -9'd API does until its parent reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 3'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    try {
      let state = '';
      for (let i = 0; i < 50 && state !== 'Z'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      }
      expect(state).toBe('Z');
      const start = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
      writeFileSync(join(dir, 'owner.lock'), JSON.stringify({ pid, proc_start: start, hostname: hostname(), started_at: 'old', socket_path: 'x' }));
      expect(readLiveOwner(dir)).toBeNull();
      const own = acquireOwnership(dir);
      expect(JSON.parse(readFileSync(join(dir, 'owner.lock'), 'utf8')).pid).toBe(process.pid);
      own.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('treats a half-written (unparseable) lock as stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'owner.lock'), '{"pid": 12');
    const own = acquireOwnership(dir);
    expect(JSON.parse(readFileSync(join(dir, 'owner.lock'), 'utf8')).pid).toBe(process.pid);
    own.release();
  });

  it('falls back to a socket under the temp dir when the data dir path is too long', () => {
    const long = join(tempDir(), 'x'.repeat(120));
    const path = controlSocketPath(long);
    expect(path.startsWith(tmpdir())).toBe(true);
    expect(Buffer.byteLength(path)).toBeLessThanOrEqual(100);
    expect(controlSocketPath(long)).toBe(path); // stable
    expect(controlSocketPath(long + 'y')).not.toBe(path);
  });
});

describe('control socket', () => {
  it('streams events and returns the result; socket mode 0600', async () => {
    const dir = tempDir();
    const own = acquireOwnership(dir);
    const server = new ControlServer(own);
    server.register('echo', async (payload, emit) => {
      emit({ step: 1 });
      emit({ step: 2 });
      return { got: payload };
    });
    server.register('boom', async () => {
      throw Object.assign(new Error('it broke'), { name: 'BoomError', data: { hint: 'fix it' } });
    });
    await server.listen();
    try {
      expect(statSync(own.socketPath).mode & 0o777).toBe(0o600);
      const events: unknown[] = [];
      const result = await sendControl(dir, 'echo', { a: 1 }, (e) => events.push(e));
      expect(result).toEqual({ got: { a: 1 } });
      expect(events).toEqual([{ step: 1 }, { step: 2 }]);
      const err = (await sendControl(dir, 'boom', null).catch((e: unknown) => e)) as ControlCommandError;
      expect(err).toBeInstanceOf(ControlCommandError);
      expect(err.message).toBe('it broke');
      expect(err.remote).toEqual({ name: 'BoomError', message: 'it broke', data: { hint: 'fix it' } });
      const unknown = (await sendControl(dir, 'nope', null).catch((e: unknown) => e)) as Error;
      expect(unknown.message).toMatch(/does not handle "nope".*boom, echo/);
    } finally {
      await server.close();
      own.release();
    }
    expect(existsSync(own.socketPath)).toBe(false);
  });

  it('works through the hashed socket path of a long data dir', async () => {
    const dir = join(tempDir(), 'd'.repeat(110));
    const own = acquireOwnership(dir);
    const server = new ControlServer(own).register('ping', async () => 'pong');
    await server.listen();
    try {
      expect(await sendControl(dir, 'ping', null)).toBe('pong');
    } finally {
      await server.close();
      own.release();
    }
  });

  it('reports NoOwnerError when nobody owns the data dir, or the owner does not listen', async () => {
    const dir = tempDir();
    await expect(sendControl(dir, 'ping', null)).rejects.toBeInstanceOf(NoOwnerError);
    const own = acquireOwnership(dir);
    try {
      await expect(sendControl(dir, 'ping', null)).rejects.toBeInstanceOf(NoOwnerError);
    } finally {
      own.release();
    }
  });
});
