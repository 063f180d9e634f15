// The state of one protocol server of a share, as the window and the tray show it.
import { z } from 'zod';
import { plainText, portSchema, timeSchema } from '../schema-kit.js';

export const PROTOCOLS = ['sftp', 'ftp'] as const;
export type ShareProtocol = (typeof PROTOCOLS)[number];
export const protocolSchema = z.enum(PROTOCOLS);

export const serverStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('stopped') }),
  z.strictObject({ state: z.literal('starting') }),
  z.strictObject({
    state: z.literal('running'),
    /** The bound address: "127.0.0.1", or "" when listening on every interface. */
    host: plainText(255),
    port: portSchema,
    since: timeSchema,
  }),
  z.strictObject({ state: z.literal('error'), reason: plainText(500) }),
]);

export type ServerStatus = z.infer<typeof serverStatusSchema>;
export type ServerState = ServerStatus['state'];
