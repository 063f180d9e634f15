// Bench settings from the environment: sizes, repetitions, timeouts and which servers, workloads
// and ciphers to run. BENCH_QUICK=1 shrinks the defaults for a smoke run; explicit values still win.
import path from 'node:path';

export type ServerName = 'wharf' | 'openssh' | 'rclone';
export const SERVER_NAMES: readonly ServerName[] = ['wharf', 'openssh', 'rclone'];

/** Which benchmark suites a run does (`BENCH_SUITES=sftp,ftp,vfs`, default all). */
export type Suite = 'sftp' | 'ftp' | 'vfs';
export const SUITES: readonly Suite[] = ['sftp', 'ftp', 'vfs'];

export type WorkloadId = 'W0' | 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6';
export const WORKLOAD_IDS: readonly WorkloadId[] = ['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6'];

/** One client cipher setting: `default` leaves the choice to the sftp client's preference list. */
export interface CipherSetting {
  readonly label: string;
  readonly sftpArgs: readonly string[];
}

export interface BenchConfig {
  readonly quick: boolean;
  readonly suites: readonly Suite[];
  readonly bigMb: number;
  readonly parMb: number;
  readonly parN: number;
  readonly smallN: number;
  readonly smallKb: number;
  readonly listN: number;
  readonly reps: number;
  readonly timeoutBigS: number;
  readonly timeoutSmallS: number;
  readonly servers: readonly ServerName[];
  readonly workloads: readonly WorkloadId[];
  readonly ciphers: readonly CipherSetting[];
  /** Keep the temp dir (fixtures, configs, logs) for inspection instead of deleting it. */
  readonly keep: boolean;
  readonly outFile: string;
}

export class ConfigError extends Error {}

const FULL = { bigMb: 1024, parMb: 256, parN: 4, smallN: 2000, smallKb: 4, listN: 20000, reps: 3 } as const;
const QUICK = { bigMb: 64, parMb: 16, parN: 4, smallN: 200, smallKb: 4, listN: 2000, reps: 1 } as const;

const DEFAULT_CIPHER: CipherSetting = { label: 'default', sftpArgs: [] };

export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return Number(raw);
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  return raw !== '' && raw !== '0' && raw !== 'false' && raw !== 'no';
}

function list(env: NodeJS.ProcessEnv, name: string): readonly string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(/[\s,]+/).filter((s) => s !== '');
}

export function pick<T extends string>(env: NodeJS.ProcessEnv, name: string, all: readonly T[]): readonly T[] {
  const wanted = list(env, name);
  if (wanted === undefined) return all;
  for (const w of wanted) {
    if (!(all as readonly string[]).includes(w)) {
      throw new ConfigError(`${name}: unknown value "${w}" (known: ${all.join(', ')})`);
    }
  }
  // Keep the canonical order whatever order the user typed.
  return all.filter((a) => wanted.includes(a));
}

/** `BENCH_CIPHERS="default aes128-gcm@openssh.com"`; the issue asks for exactly these two by default. */
function ciphers(env: NodeJS.ProcessEnv): readonly CipherSetting[] {
  const wanted = list(env, 'BENCH_CIPHERS') ?? ['default', 'aes128-gcm@openssh.com'];
  return wanted.map((c) => {
    if (c === 'default') return DEFAULT_CIPHER;
    if (!/^[a-z0-9@.-]+$/.test(c)) throw new ConfigError(`BENCH_CIPHERS: "${c}" is not a cipher name`);
    return { label: c, sftpArgs: ['-c', c] };
  });
}

export function readConfig(env: NodeJS.ProcessEnv, projectRoot: string): BenchConfig {
  const quick = flag(env, 'BENCH_QUICK');
  const base = quick ? QUICK : FULL;
  return {
    quick,
    suites: pick(env, 'BENCH_SUITES', SUITES),
    bigMb: positiveInt(env, 'BIG_MB', base.bigMb),
    parMb: positiveInt(env, 'PAR_MB', base.parMb),
    parN: positiveInt(env, 'PAR_N', base.parN),
    smallN: positiveInt(env, 'SMALL_N', base.smallN),
    smallKb: positiveInt(env, 'SMALL_KB', base.smallKb),
    listN: positiveInt(env, 'LIST_N', base.listN),
    reps: positiveInt(env, 'REPS', base.reps),
    timeoutBigS: positiveInt(env, 'T_BIG', 900),
    timeoutSmallS: positiveInt(env, 'T_SMALL', 600),
    servers: pick(env, 'BENCH_SERVERS', SERVER_NAMES),
    workloads: pick(env, 'BENCH_WORKLOADS', WORKLOAD_IDS),
    ciphers: ciphers(env),
    keep: flag(env, 'BENCH_KEEP'),
    outFile: path.resolve(projectRoot, env['BENCH_OUT'] ?? 'bench-results/latest.json'),
  };
}
