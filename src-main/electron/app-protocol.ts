// Serves the built renderer (dist-renderer/) at `wharf-app://ui/`: a custom protocol instead of
// file:// so the pages get a real origin, no file-system privileges, and our headers (CSP) on every
// response. This file holds the request -> response logic as a pure function over the file system;
// main registers it with `protocol.handle`. Requests are confined to the renderer folder the same
// way shares are (normalise, join, realpath, check under root + sep).
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../api/index.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { APP_SECURITY_HEADERS } from './csp.js';

/** Registered before the app is ready: a standard, secure scheme with fetch support. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...APP_SECURITY_HEADERS } });
}

/**
 * The file under `root` that `url` names, or undefined when the URL is not ours, escapes the root
 * (`..`, encoded separators, links pointing out) or names no regular file. "/" is index.html.
 */
export async function resolveAppFile(root: string, url: string): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // Encoded separators and NUL have no business in an asset path; refuse rather than interpret.
  if (rel.includes('\0') || rel.includes('\\') || /%2f|%5c/i.test(parsed.pathname)) return undefined;
  if (rel === '/' || rel === '') rel = '/index.html';
  const realRoot = await fs.realpath(root).catch(() => undefined);
  if (realRoot === undefined) return undefined;
  const joined = path.join(realRoot, path.posix.normalize(rel));
  if (!joined.startsWith(realRoot + path.sep)) return undefined;
  const real = await fs.realpath(joined).catch(() => undefined);
  if (real === undefined || !real.startsWith(realRoot + path.sep)) return undefined;
  const stat = await fs.stat(real).catch(() => undefined);
  return stat?.isFile() ? real : undefined;
}

/** Answers one request of the app protocol: the file with our headers, or a plain 404 / 405. */
export async function serveAppRequest(root: string, url: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  const file = await resolveAppFile(root, url);
  if (file === undefined) return plain(404, 'not found');
  const type = contentTypeOf(file);
  const body = method === 'HEAD' ? null : await fs.readFile(file);
  return new Response(body, { status: 200, headers: { 'Content-Type': type, ...APP_SECURITY_HEADERS } });
}
