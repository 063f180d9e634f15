// `wharf ui --headless [--addr HOST:PORT]`: opens the app core (settings, shares resumed), serves
// the web UI and the contract behind a token, prints the URL, and runs until SIGINT/SIGTERM, then
// stops every server and lets pending uploads flush. The desktop window itself is `npm start`.
import path from 'node:path';
import { formatOptionsHelp, GENERAL_OPTIONS } from '../../src-shared/options/index.js';
import { UI_OPTIONS } from '../../src-shared/options/ui-options.js';
import { coreEventSource, createApiHandlers, createRouter, startHeadlessServer } from '../api/index.js';
import { cacheDir, ConfSettingsStore, configDir, openKeyFileSecretBox, openWharfCore, secretKeyFile } from '../core/index.js';
import type { CliIo } from './cli-io.js';
import { answerGeneralFlags, stderrLogger } from './general-flags.js';
import { parseFlags } from './parse-flags.js';
import { projectDir, rendererDir } from './project-dir.js';
import { STOP_TIMEOUT_MS, stopWithin } from './serve-common.js';
import { watchStopSignals } from './stop-signals.js';
import { UsageError } from './usage-error.js';
import { wharfVersion } from './version.js';

const COMMAND = 'wharf ui';

export function uiHelp(): string {
  return `Run the Wharf app.

Usage:
  wharf ui --headless [--addr HOST:PORT]

With --headless, Wharf serves its window as a web page: open the printed URL (it carries a random
access token) in a browser. The desktop window (Electron) starts with "npm start", which falls back
to --headless when Electron cannot start. SIGINT or SIGTERM stops Wharf and every share.

${formatOptionsHelp([...UI_OPTIONS, ...GENERAL_OPTIONS])}`;
}

export async function runUi(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags([...UI_OPTIONS, ...GENERAL_OPTIONS], args, COMMAND);
  const answered = answerGeneralFlags(values, io, uiHelp);
  if (answered !== undefined) return answered;
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0] ?? ''}`, COMMAND);
  if (!values.headless) {
    throw new UsageError('the desktop window starts with "npm start"; for the web UI use "wharf ui --headless"', COMMAND);
  }
  const logger = stderrLogger(values.verbose, io);
  const env = { env: io.env, platform: process.platform, home: io.env.HOME || io.env.USERPROFILE || '' };
  const config = configDir(env);
  const signals = watchStopSignals(io);
  try {
    const core = await openWharfCore({
      store: new ConfSettingsStore(config),
      secrets: await openKeyFileSecretBox(secretKeyFile(config), logger),
      configDir: config,
      cacheDir: cacheDir(env),
      logger,
    });
    const router = createRouter(createApiHandlers(core, { mode: 'headless', version: wharfVersion() }), logger);
    const renderer = rendererDir();
    if (!renderer) logger.warn('the web UI is not built (dist-renderer/ is missing): run "npm run build"; the API still works');
    const server = await startHeadlessServer({
      router,
      events: coreEventSource(core),
      host: values.addr.host,
      port: values.addr.port,
      rendererDir: renderer ?? path.join(projectDir() ?? '.', 'dist-renderer'),
      logger,
    }).catch(async (err: unknown) => {
      await core.close();
      throw new Error(`cannot serve the web UI on ${values.addr.host}:${values.addr.port}: ${(err as Error).message}`);
    });
    if (!isLoopback(values.addr.host)) {
      logger.warn('the web UI listens beyond this machine: anyone with the URL controls Wharf');
    }
    io.out(`Wharf web UI: ${server.url}\n`);
    const signal = await signals.stopped;
    logger.info(`${signal}: stopping`);
    return await stopWithin(
      async () => {
        await server.close();
        await core.close();
      },
      { what: 'Wharf', timeoutMs: STOP_TIMEOUT_MS, io, command: COMMAND },
    );
  } catch (err) {
    signals.dispose();
    throw err;
  }
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}
