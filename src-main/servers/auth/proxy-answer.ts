// The auth proxy's answer: a JSON object that is a backend config in rclone's terms. `type` picks
// the backend (local or sftp), `_root` is the folder served, `_obscure` lists keys given in plain
// text that rclone would obscure before use (so they need no revealing: every other secret, such
// as an sftp `pass`, is expected in rclone's obscured form), and the rest are the backend's keys.
// Anything else (not an object, nested values, no type or _root, an unknown type) denies.
import { createHash } from 'node:crypto';

export const PROXY_BACKEND_TYPES = ['local', 'sftp'] as const;
export type ProxyBackendType = (typeof PROXY_BACKEND_TYPES)[number];

export interface ProxyBackendSpec {
  readonly type: ProxyBackendType;
  /** `_root`: for `local` a folder on this machine, for `sftp` a folder on the remote. */
  readonly root: string;
  /** The backend's own keys, values as text. */
  readonly params: Readonly<Record<string, string>>;
  /** Keys of `params` listed in `_obscure`: their values are plain text, not obscured. */
  readonly plain: readonly string[];
}

export type ParsedAnswer =
  | { readonly ok: true; readonly spec: ProxyBackendSpec; /** Same for equal answers: one Vfs each. */ readonly identity: string }
  | { readonly ok: false; readonly reason: string };

const KEY = /^[A-Za-z0-9_]{1,64}$/;
const MAX_KEYS = 100;

export function parseProxyAnswer(text: string): ParsedAnswer {
  const fail = (reason: string): ParsedAnswer => ({ ok: false, reason });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('the answer is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('the answer is not a JSON object');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_KEYS) return fail(`the answer has more than ${MAX_KEYS} keys`);
  // No prototype: a key such as `__proto__` must stay a plain key.
  const config: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, raw] of entries) {
    if (!KEY.test(key)) return fail('the answer has a key that is not a plain name');
    if (typeof raw === 'string') config[key] = raw;
    else if (typeof raw === 'number' || typeof raw === 'boolean') config[key] = String(raw);
    else return fail(`the value of "${key}" is not text`);
  }
  const type = config.type;
  if (type === undefined || type === '') return fail('the answer has no "type"');
  if (!isBackendType(type)) return fail(`unknown backend type "${type.slice(0, 32)}" (use local or sftp)`);
  const root = config._root;
  if (root === undefined) return fail('the answer has no "_root"');
  if (root.includes('\0')) return fail('"_root" contains a NUL character');
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, v] of Object.entries(config)) {
    // `type` and rclone's `_` keys are instructions to us, not backend settings.
    if (key !== 'type' && !key.startsWith('_')) params[key] = v;
  }
  const plain = [...new Set((config._obscure ?? '').split(',').map((s) => s.trim()).filter((k) => k in params))].sort();
  const spec: ProxyBackendSpec = { type, root, params, plain };
  return { ok: true, spec, identity: identityOf(spec) };
}

function isBackendType(type: string): type is ProxyBackendType {
  return (PROXY_BACKEND_TYPES as readonly string[]).includes(type);
}

/** A digest of the canonical answer (sorted keys), so secrets in it are not kept as map keys. */
function identityOf(spec: ProxyBackendSpec): string {
  const params = Object.keys(spec.params).sort().map((k) => [k, spec.params[k]]);
  return createHash('sha256').update(JSON.stringify([spec.type, spec.root, params, spec.plain])).digest('hex');
}
