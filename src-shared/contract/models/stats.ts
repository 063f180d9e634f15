// Live statistics: who is connected, what is moving, how fast, how full each cache is, who is banned.
import { z } from 'zod';
import { CACHE_MODES } from '../../cache-mode.js';
import { pathText, plainText, shareIdSchema, timeSchema } from '../schema-kit.js';
import { protocolSchema } from './server-status.js';

export const sessionSchema = z.strictObject({
  id: plainText(64),
  shareId: shareIdSchema,
  protocol: protocolSchema,
  user: plainText(64),
  clientIp: plainText(64),
  since: timeSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const TRANSFER_STATES = ['active', 'done', 'failed'] as const;

export const transferSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  shareId: shareIdSchema,
  protocol: protocolSchema,
  user: plainText(64),
  clientIp: plainText(64),
  /** The file's path inside the share. */
  file: pathText,
  direction: z.enum(['upload', 'download']),
  bytes: z.number().nonnegative(),
  /** Known for downloads (the file's size) and for finished uploads. */
  size: z.number().nonnegative().nullable(),
  /** Bytes per second over the last second (0 when finished). */
  speed: z.number().nonnegative(),
  state: z.enum(TRANSFER_STATES),
  startedAt: timeSchema,
  endedAt: timeSchema.nullable(),
});
export type Transfer = z.infer<typeof transferSchema>;

/** Bytes moved during one second, all shares together. */
export const throughputSampleSchema = z.strictObject({
  /** Start of the second, in ms since the epoch. */
  at: timeSchema,
  up: z.number().nonnegative(),
  down: z.number().nonnegative(),
});
export type ThroughputSample = z.infer<typeof throughputSampleSchema>;

export const cacheInfoSchema = z.strictObject({
  shareId: shareIdSchema,
  mode: z.enum(CACHE_MODES),
  /** Null when the share keeps no file cache (mode off, or minimal over a local folder) or is stopped. */
  bytesUsed: z.number().nonnegative().nullable(),
  /** --vfs-cache-max-size in bytes, or null for no limit. */
  limit: z.number().nonnegative().nullable(),
  files: z.number().int().nonnegative(),
  uploadsPending: z.number().int().nonnegative(),
});
export type CacheInfo = z.infer<typeof cacheInfoSchema>;

export const banSchema = z.strictObject({
  shareId: shareIdSchema,
  ip: plainText(64),
  since: timeSchema,
  until: timeSchema,
});
export type Ban = z.infer<typeof banSchema>;

export const statsSchema = z.strictObject({
  at: timeSchema,
  sessions: z.array(sessionSchema),
  /** Running transfers first, then the most recent finished ones. */
  transfers: z.array(transferSchema),
  /** One sample per second, oldest first, covering the last two minutes. */
  throughput: z.array(throughputSampleSchema),
  cache: z.array(cacheInfoSchema),
  bans: z.array(banSchema),
});
export type Stats = z.infer<typeof statsSchema>;
