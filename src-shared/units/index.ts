// src-shared/units: rclone-compatible duration and size parsers and formatters.
// May import: nothing outside src-shared (pure TypeScript, no node builtins).
export { parseDuration, formatDuration } from './duration.js';
export type { Duration } from './duration.js';
export { parseSize, formatSize } from './size.js';
export type { Size } from './size.js';
