// Requests the screens need that the contract (src-shared/contract) does not offer yet. They are
// sent through the same bridge under the names below; until main handles them it answers
// `unknown-channel`, and the screens then say the feature is not available in this version.
import type { Envelope, WharfBridge } from '../../src-shared/contract/index.js';

/** Proposed channels (see the report of the UI work): payload and result in the comments. */
export const PENDING_CHANNELS = {
  /** `{ shareId }` → `null`: drops the cached copies of files that are not open or waiting to upload. */
  cacheClear: 'cache:clear',
  /** `{}` → `string | null`: the Electron window's native folder picker (null when cancelled). */
  pickFolder: 'dialog:pick-folder',
} as const;

type PendingChannel = (typeof PENDING_CHANNELS)[keyof typeof PENDING_CHANNELS];

export async function invokePending(bridge: WharfBridge, channel: PendingChannel, payload: object): Promise<Envelope<unknown>> {
  // The bridge's type lists only contract channels; this is the one place that sends others.
  const invoke = bridge.invoke as unknown as (channel: string, payload: unknown) => Promise<Envelope<unknown>>;
  return invoke(channel, payload);
}

export function isMissingChannel(result: Envelope<unknown>): boolean {
  return !result.ok && result.error.code === 'unknown-channel';
}
