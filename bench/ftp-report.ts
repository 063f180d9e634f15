// Text report of an FTP suite run: the workload x server table (median seconds and rate), Wharf's
// ratio to vsftpd and pure-ftpd with the targets (PASS/MISS), the W6 memory line, failures, summary.
import type { FtpResults, FtpServerInfo } from './ftp-results.js';
import type { FtpRival } from './ftp-targets.js';
import { formatCell, formatRatio } from './report.js';
import { MEMORY_LIMIT_MB } from './targets.js';
import { textTable } from './text-table.js';

const RIVALS: readonly FtpRival[] = ['vsftpd', 'pure-ftpd'];

function memoryLine(r: FtpResults, measured: readonly FtpServerInfo[]): string[] {
  if (r.memoryVerdict === undefined && Object.keys(r.memory).length === 0) return [];
  const parts = measured.map((s) => {
    const m = r.memory[s.name];
    const target = s.name === 'wharf' ? ` [< ${MEMORY_LIMIT_MB} MB ${r.memoryVerdict ?? 'n/a'}]` : '';
    if (m === undefined) return `${s.title} n/a${target}`;
    const procs = m.processes > 1 ? `, ${m.processes} processes, sampled max ${m.sampledMb.toFixed(1)} MB` : '';
    const reset = m.peaksReset ? '' : ' (peak not reset: may include earlier workloads)';
    return `${s.title} ${m.peakMb.toFixed(1)} MB${procs}${reset}${target}`;
  });
  return [`memory (peak RSS of the server process tree during W6): ${parts.join('; ')}`];
}

export function formatFtpReport(r: FtpResults): string {
  const measured = r.servers.filter((s) => s.skipped === undefined);
  const m = r.machine;
  const cfg = r.config;
  const out: string[] = [
    `Wharf FTP bench (lftp, passive, plain FTP), ${r.startedAt}`,
    `machine: ${m.cores} cores, ${m.platform}, node ${m.node}, load before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    `sizes: BIG ${String(cfg['bigMb'])} MiB, PAR ${String(cfg['parN'])} x ${String(cfg['parMb'])} MiB, SMALL ${String(cfg['smallN'])} x ${String(cfg['smallKb'])} KiB, LIST ${String(cfg['listN'])} entries; median of ${String(cfg['reps'])} run(s)${cfg['quick'] ? ' (BENCH_QUICK)' : ''}; MB = 10^6 bytes`,
  ];
  for (const s of r.servers) out.push(`server ${s.title}: ${s.skipped === undefined ? (s.version ?? '') : `SKIPPED - ${s.skipped}`}`);
  const label = (w: (typeof r.workloads)[number]): string => `${w.id} ${w.title}`;
  out.push(
    '',
    ...textTable([
      ['workload', ...measured.map((s) => s.title)],
      ...r.workloads.map((w) => [label(w), ...measured.map((s) => formatCell(w.servers[s.name], w.unit))]),
    ]),
  );
  const rivals = RIVALS.filter((x) => measured.some((s) => s.name === x));
  if (measured.some((s) => s.name === 'wharf') && rivals.length > 0) {
    out.push(
      '',
      ...textTable([
        ['ratio (throughput)', ...rivals.map((x) => `Wharf/${x}`)],
        ...r.workloads.map((w) => [label(w), ...rivals.map((x) => formatRatio(r.ratios.find((q) => q.workload === w.id && q.rival === x)))]),
      ]),
    );
  }
  out.push(...memoryLine(r, measured));
  const failures = r.workloads.flatMap((w) =>
    measured.flatMap((s) => (w.servers[s.name]?.failures ?? []).map((f) => `  ${w.id} ${s.title}: ${f.split('\n').slice(0, 3).join(' | ')}`)),
  );
  if (failures.length > 0) out.push('failures:', ...failures);
  const s = r.summary;
  out.push('', `FTP targets: ${s.pass} PASS, ${s.miss} MISS; failed runs: ${s.failedRuns}`);
  return out.join('\n');
}
