// Text report of a bench run: per cipher a workload x server table (median seconds and rate), the
// Wharf/OpenSSH and Wharf/rclone ratio lines with targets and PASS/MISS, the W6 memory line, then
// any failures and a summary.
import type { BenchResults, CipherResult, RatioResult, ServerInfo, ServerWorkloadResult, WorkloadResult } from './results.js';
import { MEMORY_LIMIT_MB, type Rival } from './targets.js';

const RIVALS: readonly Rival[] = ['openssh', 'rclone'];

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function fmtNumber(n: number): string {
  if (n >= 1000) return n.toFixed(0);
  if (n >= 100) return n.toFixed(1);
  return n.toFixed(2);
}

export function formatCell(r: ServerWorkloadResult | undefined, unit: string | undefined): string {
  if (r === undefined) return '-';
  if (r.medianS === undefined) return `FAIL (${r.failures.length} of ${r.runs.length + r.failures.length})`;
  const time = `${r.medianS.toFixed(3)} s`;
  return unit !== undefined && r.rate !== undefined ? `${time}  ${fmtNumber(r.rate)} ${unit}` : time;
}

export function formatRatio<R extends Pick<RatioResult, 'ratio' | 'target' | 'verdict'>>(r: R | undefined): string {
  if (r === undefined) return '-';
  const ratio = r.ratio === undefined ? 'n/a' : `${r.ratio.toFixed(2)}x`;
  if (r.target === undefined) return `${ratio} (no target)`;
  return `${ratio} >=${r.target.toFixed(1)}x ${r.verdict}`;
}

function workloadLabel(w: WorkloadResult): string {
  return `${w.id} ${w.title}`;
}

function tableSection(c: CipherResult, measured: readonly ServerInfo[]): string[] {
  const labelW = Math.max(20, ...c.workloads.map((w) => workloadLabel(w).length)) + 2;
  const cells = c.workloads.map((w) => measured.map((s) => formatCell(w.servers[s.name], w.unit)));
  const colW = measured.map((s, i) => Math.max(s.title.length, ...cells.map((row) => (row[i] ?? '').length)) + 3);
  const lines = [pad('workload', labelW) + measured.map((s, i) => pad(s.title, colW[i] ?? 0)).join('')];
  c.workloads.forEach((w, wi) => {
    lines.push(pad(workloadLabel(w), labelW) + measured.map((_, i) => pad(cells[wi]?.[i] ?? '', colW[i] ?? 0)).join(''));
  });
  return lines;
}

function ratioSection(c: CipherResult, measured: readonly ServerInfo[]): string[] {
  const rivals = RIVALS.filter((r) => measured.some((s) => s.name === r));
  if (!measured.some((s) => s.name === 'wharf') || rivals.length === 0) return [];
  const labelW = Math.max(20, ...c.workloads.map((w) => workloadLabel(w).length)) + 2;
  const title = (r: Rival): string => `Wharf/${measured.find((s) => s.name === r)?.title ?? r}`;
  const rows = c.workloads.map((w) => rivals.map((r) => formatRatio(c.ratios.find((x) => x.workload === w.id && x.rival === r))));
  const colW = rivals.map((r, i) => Math.max(title(r).length, ...rows.map((row) => (row[i] ?? '').length)) + 3);
  const lines = [pad('ratio (throughput)', labelW) + rivals.map((r, i) => pad(title(r), colW[i] ?? 0)).join('')];
  c.workloads.forEach((w, wi) => {
    lines.push(pad(workloadLabel(w), labelW) + rivals.map((_, i) => pad(rows[wi]?.[i] ?? '', colW[i] ?? 0)).join(''));
  });
  return lines;
}

function memoryLine(c: CipherResult, measured: readonly ServerInfo[]): string[] {
  if (c.memoryVerdict === undefined && Object.keys(c.memory).length === 0) return [];
  const parts = measured.map((s) => {
    const m = c.memory[s.name];
    const target = s.name === 'wharf' ? ` [< ${MEMORY_LIMIT_MB} MB ${c.memoryVerdict ?? 'n/a'}]` : '';
    if (m === undefined) return `${s.title} n/a${target}`;
    const procs = m.processes > 1 ? `, ${m.processes} processes, sampled max ${m.sampledMb.toFixed(1)} MB` : '';
    // Without a reset, VmHWM may include a peak from an earlier workload.
    const reset = m.peaksReset ? '' : ' (peak not reset: may include earlier workloads)';
    return `${s.title} ${m.peakMb.toFixed(1)} MB${procs}${reset}${target}`;
  });
  return [`memory (peak RSS of the server process tree during W6): ${parts.join('; ')}`];
}

function failureLines(c: CipherResult, measured: readonly ServerInfo[]): string[] {
  const lines: string[] = [];
  for (const w of c.workloads) {
    for (const s of measured) {
      const r = w.servers[s.name];
      for (const f of r?.failures ?? []) lines.push(`  ${w.id} ${s.title}: ${f.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  return lines.length > 0 ? ['failures:', ...lines] : [];
}

export function formatReport(results: BenchResults): string {
  const measured = results.servers.filter((s) => s.skipped === undefined);
  const m = results.machine;
  const cfg = results.config;
  const out: string[] = [
    `Wharf SFTP bench, ${results.startedAt}`,
    `machine: ${m.cores} cores, ${m.platform}, node ${m.node}, load before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    `sizes: BIG ${String(cfg['bigMb'])} MiB, PAR ${String(cfg['parN'])} x ${String(cfg['parMb'])} MiB, SMALL ${String(cfg['smallN'])} x ${String(cfg['smallKb'])} KiB, LIST ${String(cfg['listN'])} entries; median of ${String(cfg['reps'])} run(s)${cfg['quick'] ? ' (BENCH_QUICK)' : ''}; MB = 10^6 bytes`,
  ];
  for (const s of results.servers) {
    out.push(`server ${s.title}: ${s.skipped === undefined ? (s.version ?? '') : `SKIPPED - ${s.skipped}`}`);
  }
  for (const c of results.ciphers) {
    out.push('', `== cipher: ${c.label}${c.sftpArgs.length > 0 ? ` (sftp ${c.sftpArgs.join(' ')})` : ' (client default)'}`);
    const negotiated = measured
      .map((s) => (c.negotiated[s.name] === undefined ? undefined : `${s.title} ${c.negotiated[s.name]}`))
      .filter((x) => x !== undefined);
    if (negotiated.length > 0) out.push(`negotiated: ${negotiated.join('; ')}`);
    out.push('', ...tableSection(c, measured));
    const ratios = ratioSection(c, measured);
    if (ratios.length > 0) out.push('', ...ratios);
    out.push(...memoryLine(c, measured), ...failureLines(c, measured));
  }
  const s = results.summary;
  out.push('', `targets: ${s.pass} PASS, ${s.miss} MISS; failed runs: ${s.failedRuns}`);
  return out.join('\n');
}
