// Runs the VFS conformance suite over every backend available without a network, in the cache
// modes they support today.
import { runVfsConformance } from './conformance.js';
import { makeLocalVfs, makeMemoryVfs } from './fixtures.js';

runVfsConformance('local backend', makeLocalVfs(), ['off']);
runVfsConformance('memory backend', makeMemoryVfs(), ['off']);
