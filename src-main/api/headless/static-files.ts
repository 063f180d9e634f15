// Serves the built renderer (dist-renderer/) read-only: paths are decoded once, normalised and must
// stay inside the folder; unknown paths without an extension get index.html (the app routes them).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf, RENDERER_CONTENT_TYPES } from './content-types.js';

// The headless server also labels source maps; the wharf-app:// protocol sends them as bytes.
const TYPES: Readonly<Record<string, string>> = { ...RENDERER_CONTENT_TYPES, '.map': 'application/json' };

/** What the page may do: only its own scripts and styles, and only talk to this server. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export async function serveStatic(dir: string, urlPath: string, res: ServerResponse, head: boolean): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return plain(res, 400, 'Bad path');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return plain(res, 400, 'Bad path');
  const root = path.resolve(dir);
  let file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return plain(res, 404, 'Not found');
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    if (path.extname(decoded) !== '') return plain(res, 404, 'Not found');
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return plain(res, 503, 'The web UI is not built: run "npm run build" and start again');
  }
  const type = contentTypeOf(file, TYPES);
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', info.size);
  res.setHeader('Cache-Control', 'no-cache');
  if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (head) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', () => resolve());
    stream.pipe(res);
  });
}

export function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}
