// Content types of the built renderer's files, for both ways the app is served: the headless HTTP
// server and Electron's wharf-app:// protocol. Anything else is sent as opaque bytes.
import path from 'node:path';

export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string, types: Readonly<Record<string, string>> = RENDERER_CONTENT_TYPES): string {
  return types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
