// An OpenSSH sftp session that stays open (commands on stdin) for the Sessions screen, and plain
// TCP checks for "is this port open".
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface OpenSession {
  readonly child: ChildProcess;
  /** Resolves with the exit code when the client ends (for instance when disconnected). */
  readonly exited: Promise<number | null>;
  output(): string;
  /** Types a command (the interactive client notices a dropped connection only when it sends one). */
  send(line: string): void;
  close(): Promise<void>;
}

export function openSftpSession(port: number, user: string, password: string): OpenSession {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), SSHPASS: password };
  delete env.SSH_AUTH_SOCK;
  const child = spawn(
    'sshpass',
    [
      '-e', 'sftp', '-P', String(port), '-F', '/dev/null',
      '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'GlobalKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR', '-o', 'PreferredAuthentications=password', '-o', 'PubkeyAuthentication=no',
      `${user}@127.0.0.1`,
    ],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    send(line) {
      if (child.stdin?.writable) child.stdin.write(`${line}\n`);
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end('bye\n');
      const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A listener that keeps a port busy (for the "port in use" state). */
export async function occupyPort(): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
