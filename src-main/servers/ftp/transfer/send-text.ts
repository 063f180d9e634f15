// LIST/NLST/MLSD's pump: text produced batch by batch (one directory batch at a time) goes out as
// it is made, with backpressure, so a 20,000-entry folder is never held whole in memory. ftp-srv
// loaded the whole directory, then wrote one promise-chained reply per line.
import type { DataSocketGuard } from './data-socket.js';

export async function sendText(chunks: AsyncIterable<string>, data: DataSocketGuard): Promise<void> {
  for await (const text of chunks) {
    if (text.length > 0) await data.write(text);
  }
  await data.finish();
}
