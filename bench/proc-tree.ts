// Reading a process tree's memory from /proc: the tree (a root PID and all its descendants, e.g.
// sshd's listener with its per-connection monitors and session children) and each member's VmRSS /
// VmHWM. Linux only; the parsers are separate so they can be tested on fixed text.
import { promises as fs } from 'node:fs';

export interface ProcMemory {
  readonly rssKb: number;
  /** Peak RSS since the process started or since its peak was last reset (clear_refs 5). */
  readonly hwmKb: number;
}

/** The parent PID from the text of /proc/PID/stat; the command name may itself hold ") ". */
export function parseStatPpid(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  // After "(comm)": " state ppid ..."
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** VmRSS and VmHWM from the text of /proc/PID/status; undefined for kernel threads and zombies. */
export function parseStatusMemory(status: string): ProcMemory | undefined {
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!rss?.[1] || !hwm?.[1]) return undefined;
  return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

/** `root` and all its live descendants, root first. */
export async function processTree(root: number): Promise<readonly number[]> {
  const entries = await fs.readdir('/proc');
  const children = new Map<number, number[]>();
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        const stat = await readOrUndefined(`/proc/${e}/stat`);
        const ppid = stat === undefined ? undefined : parseStatPpid(stat);
        if (ppid === undefined) return;
        const list = children.get(ppid) ?? [];
        list.push(Number(e));
        children.set(ppid, list);
      }),
  );
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export async function readMemory(pid: number): Promise<ProcMemory | undefined> {
  const status = await readOrUndefined(`/proc/${pid}/status`);
  return status === undefined ? undefined : parseStatusMemory(status);
}

/**
 * Reset the process's VmHWM to its current RSS so a later VmHWM is the peak of what follows. Needs
 * permission over the process (the bench's own children, or root); false when not possible.
 */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await fs.writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
