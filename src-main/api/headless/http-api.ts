// The contract over plain HTTP, for scripts and tools: `POST /api/<channel>` with the JSON payload
// as body, answered 200 with the envelope (an unknown channel or a bad payload is an envelope too).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorEnvelope } from '../../../src-shared/contract/index.js';
import type { Envelope } from '../../../src-shared/contract/index.js';
import type { ApiRouter } from '../router.js';
import { plain } from './static-files.js';

const MAX_BODY = 2 * 1024 * 1024;

export async function serveApi(req: IncomingMessage, res: ServerResponse, channel: string, router: ApiRouter): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return plain(res, 405, 'Use POST with a JSON body');
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) return plain(res, 415, 'Send the payload as application/json');
  const body = await readBody(req);
  if (body === undefined) return plain(res, 413, `The payload is larger than ${MAX_BODY / 1024 / 1024} MiB`);
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return json(res, errorEnvelope('invalid-payload', 'The body is not valid JSON'));
  }
  json(res, await router.invoke(channel, payload));
}

function json(res: ServerResponse, envelope: Envelope<unknown>): void {
  const text = JSON.stringify(envelope);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** The whole body, or undefined once it passes the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
