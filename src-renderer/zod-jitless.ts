// Imported first by main.tsx, before any module that builds or parses a schema: zod compiles object
// schemas with `new Function` unless told not to, and merely probing for it is reported as a
// violation of the window's CSP (which has no 'unsafe-eval'). Parse without it.
import { z } from 'zod';

z.config({ jitless: true });
