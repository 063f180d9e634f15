import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startMemorySampler } from '../../../bench/memory-sampler.js';
import { parseStatPpid, parseStatusMemory, processTree } from '../../../bench/proc-tree.js';

const started: ChildProcess[] = [];
const extraPids: number[] = [];
afterAll(() => {
  const pids = [...started.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid as number), ...extraPids];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('/proc parsing', () => {
  it('reads the parent PID even when the command name holds ") "', () => {
    expect(parseStatPpid('1234 (sshd) S 1 1234 1234 0 -1')).toBe(1);
    expect(parseStatPpid('77 (a) b (c)) R 42 77 77 0')).toBe(42);
    expect(parseStatPpid('garbage')).toBeUndefined();
  });

  it('reads VmRSS and VmHWM, and nothing for kernel threads', () => {
    const status = 'Name:\tnode\nVmPeak:\t 900 kB\nVmHWM:\t   51200 kB\nVmRSS:\t   40960 kB\nThreads:\t7\n';
    expect(parseStatusMemory(status)).toEqual({ rssKb: 40960, hwmKb: 51200 });
    expect(parseStatusMemory('Name:\tkthreadd\nThreads:\t1\n')).toBeUndefined();
  });
});

describe('memory sampler', () => {
  it('sees a child of the sampled process and the peak it reached between samples', async () => {
    // A shell (the tree root) whose node child touches 120 MB, frees it, and lingers.
    const script =
      "let b = Buffer.alloc(120e6, 1); b = null; globalThis.gc?.(); process.stdout.write('peaked\\n'); setTimeout(() => {}, 30000);";
    const root = spawn('sh', ['-c', `"${process.execPath}" --expose-gc -e "${script}"; sleep 30`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(root);
    const rootPid = root.pid as number;
    const sampler = await startMemorySampler(rootPid, 50);
    await new Promise<void>((resolve) => root.stdout?.once('data', () => resolve()));
    const tree = await processTree(rootPid);
    expect(tree[0]).toBe(rootPid);
    expect(tree.length).toBeGreaterThanOrEqual(2);
    extraPids.push(...tree.slice(1));
    const peak = await sampler.stop();
    expect(peak.processes).toBeGreaterThanOrEqual(2);
    expect(peak.peakKb * 1024).toBeGreaterThan(120e6);
    expect(peak.peakKb).toBeGreaterThanOrEqual(peak.sampledRssKb);
    expect(peak.samples).toBeGreaterThanOrEqual(2);
  });

  it('resets the peak of processes alive at the start', async () => {
    const child = spawn(process.execPath, ['-e', 'let b = Buffer.alloc(100e6, 1); b = null; gc(); setTimeout(() => {}, 30000); console.log("ready")', '--expose-gc'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(child);
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    const sampler = await startMemorySampler(child.pid as number, 50);
    await new Promise((r) => setTimeout(r, 120));
    const peak = await sampler.stop();
    expect(peak.peaksReset).toBe(true);
    // The 100 MB buffer was freed before sampling began: a reset peak no longer carries it.
    expect(peak.peakKb * 1024).toBeLessThan(100e6);
  });
});
