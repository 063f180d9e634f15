// Where the FTP suite's servers get their passive port ranges: below the kernel's ephemeral ports.
// Inside them (the suite once used 40000-60000), lftp's own connections in TIME_WAIT occupy ports
// of every server's range for a minute each, and a few thousand small transfers fill most of it:
// with 22,000 connections in TIME_WAIT, 192 of vsftpd's 200 ports were taken and its W3 took
// 5.3-5.7 s instead of 1.4 s. That measured the bench's leftovers, not the server.

/** An inclusive range of passive ports. */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/** The first ephemeral port, from `/proc/sys/net/ipv4/ip_local_port_range` ("32768\t60999"). */
export function ephemeralLow(rangeText: string | undefined): number {
  const low = Number(/^\s*(\d+)/.exec(rangeText ?? '')?.[1]);
  // Linux's default, and what other systems use as a rule (IANA: 49152).
  return Number.isInteger(low) && low > 0 ? low : 32768;
}

const LOWEST = 10_000;
const STEP = 500;

/**
 * A random base (a multiple of 500, so parallel bench or test runs rarely pick the same ranges) for
 * `servers` ranges of `span` ports each, all below `ephemeral`. Where the ephemeral ports start too
 * low for that, the base is LOWEST and the ranges may reach into them.
 */
export function passiveBase(ephemeral: number, span: number, servers: number, random: () => number = Math.random): number {
  const room = ephemeral - span * servers - LOWEST;
  if (room < 0) return LOWEST;
  const slots = Math.floor(room / STEP) + 1;
  return LOWEST + Math.min(slots - 1, Math.floor(random() * slots)) * STEP;
}
