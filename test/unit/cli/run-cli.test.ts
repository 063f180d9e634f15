// runCli in-process with a fake io: exit codes, messages, and the signal lifecycle of serve sftp
// (a real server on 127.0.0.1:0, stopped through the fake signal source).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/index.js';
import type { CliIo } from '../../../src-main/cli/index.js';

type Signal = Parameters<CliIo['onSignal']>[0];

interface FakeIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Delivers a signal to the current handlers; returns how many there were. */
  emit(signal: Signal): number;
  handlerCount(): number;
}

let tmp: string;

function fakeIo(env: Record<string, string> = {}): FakeIo {
  let out = '';
  let err = '';
  const handlers = new Map<Signal, Set<() => void>>();
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { HOME: path.join(tmp, 'home'), WHARF_CONFIG_DIR: path.join(tmp, 'config'), ...env },
    cwd: tmp,
    onSignal(signal, handler) {
      const set = handlers.get(signal) ?? new Set();
      handlers.set(signal, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    stdout: () => out,
    stderr: () => err,
    emit(signal) {
      const set = [...(handlers.get(signal) ?? [])];
      for (const h of set) h();
      return set.length;
    },
    handlerCount: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wharf-runcli-'));
  await writeFile(path.join(tmp, 'a-file'), 'x');
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('runCli', () => {
  it('prints help and version with exit code 0', async () => {
    const io = fakeIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout()).toContain('wharf serve sftp PATH [flags]');
    const io2 = fakeIo();
    expect(await runCli(['serve', 'sftp', '--help'], io2)).toBe(0);
    expect(io2.stdout()).toContain('--authorized-keys FILE');
    const io3 = fakeIo();
    expect(await runCli(['--version'], io3)).toBe(0);
    expect(io3.stdout()).toMatch(/^wharf \d+\.\d+\.\d+\n$/);
  });

  it('answers usage mistakes with exit code 2, the message and a hint', async () => {
    const cases: ReadonlyArray<readonly [string[], string]> = [
      [[], 'Usage:'],
      [['nope'], 'wharf: unknown command "nope"'],
      [['--nope'], 'wharf: unknown flag: --nope'],
      [['serve', 'sftp', '.', '--no-auth', '--nope'], 'wharf serve sftp: unknown flag: --nope'],
      [['serve', 'sftp'], 'wharf serve sftp: missing PATH'],
      [['serve', 'sftp', 'missing-dir', '--no-auth'], `does not exist`],
      [['serve', 'sftp', 'a-file', '--no-auth'], 'is not a directory'],
      [['serve', 'sftp', '.'], 'no way to log in'],
      [['ui'], 'wharf ui: the desktop window starts with "npm start"'],
      [['ui', '--headless', 'extra'], 'wharf ui: unexpected argument: extra'],
    ];
    for (const [args, text] of cases) {
      const io = fakeIo();
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.stderr(), args.join(' ')).toContain(text);
      expect(io.stdout(), args.join(' ')).toBe('');
    }
  });

  it('resolves PATH against the working directory and ~ against HOME', async () => {
    const io = fakeIo();
    expect(await runCli(['serve', 'sftp', '~/nowhere', '--no-auth'], io)).toBe(2);
    expect(io.stderr()).toContain(`PATH ${path.join(tmp, 'home', 'nowhere')} does not exist`);
  });

  it('serves until SIGTERM, keeps serving on SIGHUP, then exits 0 and removes nothing it needs', async () => {
    const io = fakeIo();
    const done = runCli(['serve', 'sftp', '.', '--no-auth', '--addr', '127.0.0.1:0'], io);
    await until(() => io.stdout().includes('Serving'));
    expect(io.stdout()).toMatch(/^Host key fingerprint: SHA256:[A-Za-z0-9+/]{43}\nServing .+ over SFTP on sftp:\/\/127\.0\.0\.1:\d+\/\n$/);
    expect(io.emit('SIGHUP')).toBe(1);
    expect(io.emit('SIGTERM')).toBe(1);
    // A repeated signal while stopping is harmless.
    io.emit('SIGINT');
    expect(await done).toBe(0);
  });

  it('honours a stop signal that arrives while the server is still starting', async () => {
    const io = fakeIo();
    const done = runCli(['serve', 'sftp', '.', '--no-auth', '--addr', '127.0.0.1:0'], io);
    await until(() => io.handlerCount() > 0);
    io.emit('SIGINT');
    expect(await done).toBe(0);
  });

  it('removes its signal handlers when the server cannot start', async () => {
    const io = fakeIo();
    const blocker = fakeIo();
    const first = runCli(['serve', 'sftp', '.', '--no-auth', '--addr', '127.0.0.1:0'], blocker);
    await until(() => blocker.stdout().includes('Serving'));
    const port = /:(\d+)\/$/m.exec(blocker.stdout())?.[1];
    expect(await runCli(['serve', 'sftp', '.', '--no-auth', '--addr', `127.0.0.1:${port}`], io)).toBe(1);
    expect(io.stderr()).toContain('already in use');
    expect(io.handlerCount()).toBe(0);
    blocker.emit('SIGTERM');
    expect(await first).toBe(0);
  });
});
