// The remote form's checks and payloads: the contract's schemas decide, and each problem is filed
// under its field. Secrets are sent only when typed (an empty box on edit keeps the stored one).
import type { z } from 'zod';
import type { Remote } from '../../../src-shared/contract/index.js';
import { remoteCreateSchema, remotePatchSchema } from '../../../src-shared/contract/index.js';

export interface RemoteFormValues {
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly auth: 'password' | 'key';
  readonly password: string;
  readonly keyFile: string;
  readonly keyPassphrase: string;
  readonly knownHostsFile: string;
}

export type RemoteErrors = Partial<Record<keyof RemoteFormValues | 'form', string>>;

export function remoteInitial(remote: Remote | undefined): RemoteFormValues {
  return {
    name: remote?.name ?? '',
    host: remote?.host ?? '',
    port: String(remote?.port ?? 22),
    user: remote?.user ?? '',
    auth: remote?.keyFile ? 'key' : 'password',
    password: '',
    keyFile: remote?.keyFile ?? '',
    keyPassphrase: '',
    knownHostsFile: remote?.knownHostsFile ?? '',
  };
}

type Checked<T> = { readonly ok: true; readonly payload: T } | { readonly ok: false; readonly errors: RemoteErrors };

function collect(issues: readonly z.core.$ZodIssue[], errors: RemoteErrors): void {
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form') as keyof RemoteErrors;
    const field = key in FIELDS ? key : 'form';
    if (errors[field] === undefined) errors[field] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
}

const FIELDS: Readonly<Record<string, true>> = { name: true, host: true, port: true, user: true, password: true, keyFile: true, keyPassphrase: true, knownHostsFile: true };

function port(text: string, errors: RemoteErrors): number {
  const value = Number(text.trim());
  if (!/^\d{1,5}$/.test(text.trim()) || value < 1 || value > 65535) errors.port = 'Type a port number from 1 to 65535 (SSH uses 22)';
  return value;
}

export function checkRemoteCreate(v: RemoteFormValues): Checked<z.input<typeof remoteCreateSchema>> {
  const errors: RemoteErrors = {};
  const payload = {
    name: v.name,
    host: v.host.trim(),
    port: port(v.port, errors),
    user: v.user.trim(),
    ...(v.auth === 'password' && v.password !== '' ? { password: v.password } : {}),
    keyFile: v.auth === 'key' ? v.keyFile.trim() || null : null,
    ...(v.auth === 'key' && v.keyPassphrase !== '' ? { keyPassphrase: v.keyPassphrase } : {}),
    knownHostsFile: v.knownHostsFile.trim() || null,
  };
  if (v.auth === 'password' && v.password === '') errors.password = 'Type the password of the account on the remote';
  if (v.auth === 'key' && v.keyFile.trim() === '') errors.keyFile = 'Give the private key file to log in with';
  const parsed = remoteCreateSchema.safeParse(payload);
  if (!parsed.success) collect(parsed.error.issues, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}

export function checkRemotePatch(v: RemoteFormValues, before: Remote): Checked<z.input<typeof remotePatchSchema>> {
  const errors: RemoteErrors = {};
  const usesKey = v.auth === 'key';
  const payload = {
    host: v.host.trim(),
    port: port(v.port, errors),
    user: v.user.trim(),
    // Switching to a key clears the password; an empty password box keeps the stored one.
    ...(usesKey ? (before.hasPassword ? { password: null } : {}) : v.password !== '' ? { password: v.password } : {}),
    keyFile: usesKey ? v.keyFile.trim() || null : null,
    ...(usesKey && v.keyPassphrase !== '' ? { keyPassphrase: v.keyPassphrase } : {}),
    ...(!usesKey && before.hasKeyPassphrase ? { keyPassphrase: null } : {}),
    knownHostsFile: v.knownHostsFile.trim() || null,
  };
  if (!usesKey && v.password === '' && !before.hasPassword) errors.password = 'Type the password of the account on the remote';
  if (usesKey && v.keyFile.trim() === '') errors.keyFile = 'Give the private key file to log in with';
  const parsed = remotePatchSchema.safeParse(payload);
  if (!parsed.success) collect(parsed.error.issues, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}
