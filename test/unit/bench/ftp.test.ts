// The FTP suite's pure parts (lftp scripts, port parsing, targets, ratios, report) and the harness on
// tiny sizes against a real vsftpd on loopback: every workload succeeds and verifies its bytes, W6
// memory is sampled, a wrong result is a failure, and teardown stops the server; the temp dir goes
// when the bench ends.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../bench/config.js';
import type { Teardown } from '../../../bench/environment.js';
import { readFtpServers } from '../../../bench/ftp-config.js';
import { lftpArg, lftpScript } from '../../../bench/ftp-client.js';
import { type FtpEnvironment, setUpFtpEnvironment } from '../../../bench/ftp-environment.js';
import { formatFtpReport } from '../../../bench/ftp-report.js';
import { removeAtEndNow } from '../../../bench/set-aside.js';
import { computeFtpRatios, type FtpResults, ftpSummary, type FtpWorkloadResult } from '../../../bench/ftp-results.js';
import { measureFtp } from '../../../bench/ftp-runner.js';
import { ftpSpeedTarget } from '../../../bench/ftp-targets.js';
import { parseListenPort } from '../../../bench/servers/wharf-cli.js';
import { suiteOutFile } from '../../../bench/suite-output.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('FTP bench pure parts', () => {
  it('selects suites and FTP servers, refusing unknown names', () => {
    expect(readConfig({}, '/r').suites).toEqual(['sftp', 'ftp', 'vfs']);
    expect(readConfig({ BENCH_SUITES: 'vfs,ftp' }, '/r').suites).toEqual(['ftp', 'vfs']);
    expect(() => readConfig({ BENCH_SUITES: 'nfs' }, '/r')).toThrow(/BENCH_SUITES: unknown value "nfs"/);
    expect(readFtpServers({})).toEqual(['wharf', 'vsftpd', 'pure-ftpd']);
    expect(readFtpServers({ BENCH_FTP_SERVERS: 'pure-ftpd wharf' })).toEqual(['wharf', 'pure-ftpd']);
    expect(() => readFtpServers({ BENCH_FTP_SERVERS: 'openssh' })).toThrow(/unknown value "openssh"/);
  });

  it('quotes lftp arguments and builds a plain passive script with the login', () => {
    expect(lftpArg('/tmp/a b')).toBe('"/tmp/a b"');
    expect(lftpArg('we"ird\\x')).toBe('"we\\"ird\\\\x"');
    expect(() => lftpArg('a\nb')).toThrow(/line breaks/);
    const script = lftpScript({ port: 2121, user: 'u', pass: 'p"w' }, ['cd "/"']);
    expect(script).toContain('set ftp:ssl-allow no\n');
    expect(script).toContain('set ftp:passive-mode on\n');
    expect(script).toContain('open -u "u,p\\"w" -p 2121 127.0.0.1\ncd "/"\n');
    expect(() => lftpScript({ port: 1, user: 'a,b', pass: '' }, [])).toThrow(/comma/);
  });

  it('reads the port from the line `wharf serve ftp` prints', () => {
    expect(parseListenPort('Serving /x over FTP on ftp://127.0.0.1:41457/', 'ftp')).toBe(41457);
    expect(parseListenPort('sftp://127.0.0.1:2022/', 'ftp')).toBeUndefined();
    expect(parseListenPort('ftp://127.0.0.1:0/', 'ftp')).toBeUndefined();
  });

  it('judges against vsftpd only, with the issue targets', () => {
    expect(['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6'].map((w) => ftpSpeedTarget(w as 'W1', 'vsftpd'))).toEqual([
      undefined, 0.9, 0.9, 0.9, 0.9, 0.5, 0.9,
    ]);
    expect(ftpSpeedTarget('W1', 'pure-ftpd')).toBeUndefined();
    const w = (id: 'W1' | 'W5', wharf: number, vsftpd: number): FtpWorkloadResult => ({
      id, title: id, unit: 'MB/s', work: 1,
      servers: { wharf: { runs: [wharf], failures: [], medianS: wharf }, vsftpd: { runs: [vsftpd], failures: [], medianS: vsftpd } },
    });
    const ratios = computeFtpRatios([w('W1', 2, 1), w('W5', 2, 1)], ['vsftpd']);
    expect(ratios).toEqual([
      { workload: 'W1', rival: 'vsftpd', ratio: 0.5, target: 0.9, verdict: 'MISS' },
      { workload: 'W5', rival: 'vsftpd', ratio: 0.5, target: 0.5, verdict: 'PASS' },
    ]);
    expect(ftpSummary([w('W1', 2, 1)], ratios, 'PASS')).toEqual({ pass: 2, miss: 1, failedRuns: 0 });
  });

  it('puts each suite JSON next to the SFTP one', () => {
    expect(suiteOutFile('/r/bench-results/latest.json', 'ftp')).toBe('/r/bench-results/latest-ftp.json');
    expect(suiteOutFile('/r/out', 'vfs')).toBe('/r/out-vfs.json');
  });
});

describe('FTP bench harness against vsftpd', () => {
  const config = readConfig(
    { BIG_MB: '2', PAR_MB: '1', PAR_N: '2', SMALL_N: '20', LIST_N: '300', REPS: '1', T_BIG: '60', T_SMALL: '60' },
    ROOT,
  );
  let env: FtpEnvironment;
  let teardown: Teardown | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    env = await setUpFtpEnvironment(config, ['vsftpd'], ROOT, (l) => logs.push(l), (t) => {
      teardown = t;
    });
  }, 60_000);
  afterAll(async () => {
    await teardown?.();
    await removeAtEndNow();
  });

  it('runs every workload, verifies the bytes and samples W6 memory', async () => {
    expect(env.serverInfo).toEqual([expect.objectContaining({ name: 'vsftpd' })]);
    expect(env.serverInfo[0]?.skipped).toBeUndefined();
    const { workloads, memory } = await measureFtp(config, env, (l) => logs.push(l), new AbortController().signal);
    expect(workloads.map((w) => w.id)).toEqual(['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    for (const w of workloads) {
      expect(w.servers.vsftpd?.failures, w.id).toEqual([]);
      expect(w.servers.vsftpd?.medianS, w.id).toBeGreaterThan(0);
    }
    expect(memory.vsftpd?.peakMb).toBeGreaterThan(0);
    // Uploads and downloads were cleaned up: only the fixtures are left.
    expect((await fs.readdir(env.fixtures.dir)).sort()).toEqual(['big.bin', 'list', 'par1.bin', 'par2.bin', 'small']);
    const results: FtpResults = {
      suite: 'ftp', startedAt: 's', finishedAt: 'f',
      machine: { cores: 2, loadBefore: [0, 0, 0], loadAfter: [0, 0, 0], platform: 'p', node: 'n' },
      config: { ...config }, servers: env.serverInfo, workloads, memory, ratios: [],
      summary: ftpSummary(workloads, [], undefined),
    };
    const report = formatFtpReport(results);
    expect(report).toMatch(/W5 LIST of a 300-entry folder \(ls\)\s+\d+\.\d{3} s\s+\d/);
    expect(report).toContain('failed runs: 0');
  }, 120_000);

  it('reports a wrong listing as a failure, not a time', async () => {
    const extra = path.join(env.fixtures.dir, env.fixtures.list, 'entry-999999');
    await fs.writeFile(extra, '');
    try {
      const { workloads } = await measureFtp({ ...config, workloads: ['W5'] }, env, () => undefined, new AbortController().signal);
      expect(workloads[0]?.servers.vsftpd?.failures).toEqual(['listed 301 entries instead of 300']);
      expect(workloads[0]?.servers.vsftpd?.medianS).toBeUndefined();
    } finally {
      await fs.rm(extra);
    }
  }, 60_000);
});
