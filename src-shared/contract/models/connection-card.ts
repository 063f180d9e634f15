// Everything someone needs to connect to a running server: a URL per local address, the user, the
// password (only right after it was generated), and the host-key fingerprint to compare.
import { z } from 'zod';
import { plainText, portSchema, shareIdSchema } from '../schema-kit.js';
import { protocolSchema } from './server-status.js';

export const connectionCardSchema = z.strictObject({
  shareId: shareIdSchema,
  shareName: plainText(64),
  protocol: protocolSchema,
  /** Null when the share logs users in through an auth proxy. */
  user: plainText(64).nullable(),
  /** Shown once, when it was just generated; null otherwise. */
  password: plainText(256).nullable(),
  port: portSchema,
  /** `sftp://user@host:port/` for each address this machine can be reached at, loopback first. */
  urls: z.array(z.strictObject({ address: plainText(64), url: plainText(400) })),
  /** SFTP host key as OpenSSH prints it (`SHA256:...`); null for FTP. */
  fingerprint: plainText(100).nullable(),
  hint: plainText(500),
});
export type ConnectionCard = z.infer<typeof connectionCardSchema>;
