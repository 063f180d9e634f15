// The transfer log and throughput ring with a fake clock: speed over the last second, per-second
// buckets that expire after two minutes, bounded history, sizes known only when they can be.
import { describe, expect, it } from 'vitest';
import { TRANSFER_HISTORY, TransferLog } from '../../../src-main/core/stats/transfer-log.js';
import { Throughput, THROUGHPUT_SECONDS } from '../../../src-main/core/stats/throughput.js';
import type { TransferStart } from '../../../src-main/servers/index.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const start = (over: Partial<TransferStart> = {}): TransferStart => ({
  sessionId: 's1',
  protocol: 'sftp',
  user: 'ann',
  clientIp: '10.0.0.2',
  path: '/f.bin',
  reading: true,
  writing: false,
  size: 1000,
  ...over,
});

describe('throughput', () => {
  it('keeps one bucket per second for two minutes, oldest first', () => {
    const c = clock(5_000_000);
    const tp = new Throughput(c.now);
    tp.add(100, 0);
    c.advance(400);
    tp.add(50, 7);
    c.advance(1000);
    tp.add(0, 3);
    const samples = tp.samples();
    expect(samples).toHaveLength(THROUGHPUT_SECONDS);
    expect(samples.at(-1)).toEqual({ at: 5_001_000, up: 0, down: 3 });
    expect(samples.at(-2)).toEqual({ at: 5_000_000, up: 150, down: 7 });
    expect(samples.slice(0, -2).every((s) => s.up === 0 && s.down === 0)).toBe(true);
    expect(tp.active()).toBe(true);
    c.advance(THROUGHPUT_SECONDS * 1000);
    expect(tp.samples().every((s) => s.up === 0 && s.down === 0)).toBe(true);
    expect(tp.active()).toBe(false);
    // A bucket reused after wrapping around starts from zero.
    tp.add(1, 1);
    expect(tp.samples().at(-1)).toMatchObject({ up: 1, down: 1 });
  });
});

describe('transfer log', () => {
  it('measures speed over the last second from snapshot samples', () => {
    const c = clock();
    const log = new TransferLog(c.now);
    const probe = log.observer('share-1').opened(start());
    if (!probe) throw new Error('no probe');
    c.advance(500);
    probe.read(400);
    expect(log.snapshot()[0]).toMatchObject({ bytes: 400, speed: 800, state: 'active', direction: 'download', size: 1000 });
    c.advance(500);
    probe.read(100);
    expect(log.snapshot()[0]?.speed).toBe(500);
    c.advance(1000);
    // Nothing moved in the last second.
    expect(log.snapshot()[0]?.speed).toBe(0);
    probe.closed(true);
    expect(log.snapshot()[0]).toMatchObject({ state: 'done', speed: 0, bytes: 500, endedAt: c.now() });
    expect(log.activeCount).toBe(0);
  });

  it('counts uploads by bytes written and knows their size once complete', () => {
    const log = new TransferLog();
    const up = log.observer('s').opened(start({ reading: false, writing: true, size: undefined }));
    up?.written(10);
    up?.read(5);
    expect(log.snapshot()[0]).toMatchObject({ direction: 'upload', bytes: 10, size: null });
    up?.closed(true);
    expect(log.snapshot()[0]).toMatchObject({ state: 'done', size: 10 });
    const broken = log.observer('s').opened(start({ reading: false, writing: true, size: undefined }));
    broken?.written(3);
    broken?.closed(false);
    broken?.closed(true);
    expect(log.snapshot()[0]).toMatchObject({ state: 'failed', size: null, bytes: 3 });
    expect(log.snapshot()).toHaveLength(2);
  });

  it('keeps a bounded history, newest first, after the running ones', () => {
    const log = new TransferLog();
    const running = log.observer('s').opened(start({ path: '/running' }));
    for (let i = 0; i < TRANSFER_HISTORY + 10; i++) log.observer('s').opened(start({ path: `/f${i}` }))?.closed(true);
    const list = log.snapshot();
    expect(list).toHaveLength(TRANSFER_HISTORY + 1);
    expect(list[0]?.file).toBe('/running');
    expect(list[1]?.file).toBe(`/f${TRANSFER_HISTORY + 9}`);
    running?.closed(true);
  });
});
