// The preload runs the way Electron runs a sandboxed preload: compiled to CommonJS and called as a
// function of (require, process, ...), where `require` knows only 'electron'. The fake electron
// records what the preload exposes and every ipcRenderer call, so the test sees exactly the surface
// the page gets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../src-shared/contract/index.js';
import { BRIDGE_ARGUMENT, contractBridgeConfig, encodeBridgeArgument } from '../../../src-main/electron/bridge-args.js';

const SOURCE = path.resolve(import.meta.dirname, '../../../src-main/electron/preload.cts');

interface IpcCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

interface Loaded {
  readonly exposed: Map<string, unknown>;
  readonly calls: IpcCall[];
  readonly listeners: Map<string, Set<(...args: unknown[]) => void>>;
  readonly ipcRenderer: object;
  readonly required: string[];
}

let compiled: string;

beforeAll(() => {
  const out = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    fileName: 'preload.cts',
    reportDiagnostics: true,
  });
  expect(out.diagnostics ?? []).toEqual([]);
  compiled = out.outputText;
});

function loadPreload(argv: readonly string[]): Loaded {
  const exposed = new Map<string, unknown>();
  const calls: IpcCall[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const required: string[] = [];
  const ipcRenderer = {
    invoke: (...args: unknown[]) => {
      calls.push({ method: 'invoke', args });
      return Promise.resolve({ ok: true, value: `answer to ${String(args[0])}` });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      calls.push({ method: 'on', args: [channel] });
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      calls.push({ method: 'removeListener', args: [channel] });
      listeners.get(channel)?.delete(listener);
    },
    send: (...args: unknown[]) => calls.push({ method: 'send', args }),
    sendSync: (...args: unknown[]) => calls.push({ method: 'sendSync', args }),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer,
  };
  // Electron's sandbox: require() serves its own small set of modules; anything else throws.
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} as unknown };
  const run = new Function('require', 'process', 'Buffer', 'global', 'setImmediate', 'clearImmediate', 'exports', 'module', compiled);
  run(sandboxRequire, { argv: ['/app/wharf', '--type=renderer', ...argv] }, undefined, {}, setImmediate, clearImmediate, module.exports, module);
  return { exposed, calls, listeners, ipcRenderer, required };
}

const contractArg = () => encodeBridgeArgument(contractBridgeConfig());

describe('preload', () => {
  it('needs nothing but electron at run time (a sandboxed preload cannot load other files)', () => {
    const { required } = loadPreload([contractArg()]);
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly one object, window.wharf, with invoke and on and nothing else', () => {
    const { exposed, ipcRenderer } = loadPreload([contractArg()]);
    expect([...exposed.keys()]).toEqual(['wharf']);
    const wharf = exposed.get('wharf') as Record<string, unknown>;
    expect(Object.keys(wharf).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(wharf)).toBe(true);
    expect(Object.values(wharf).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(wharf)).not.toContain(ipcRenderer);
  });

  it('lets every request channel of the contract through, with its payload, and no other', async () => {
    const { exposed, calls } = loadPreload([contractArg()]);
    const wharf = exposed.get('wharf') as { invoke(c: string, p?: unknown): Promise<unknown> };
    for (const channel of Object.keys(REQUEST_CHANNELS)) {
      await expect(wharf.invoke(channel, { probe: channel })).resolves.toEqual({ ok: true, value: `answer to ${channel}` });
    }
    expect(calls.filter((c) => c.method === 'invoke').map((c) => c.args)).toEqual(
      Object.keys(REQUEST_CHANNELS).map((channel) => [channel, { probe: channel }]),
    );
    calls.length = 0;
    for (const foreign of ['electron-store-get-data', 'shares:list ', 'SHARES:LIST', 'stats:update', '__proto__', 'constructor', 42]) {
      await expect(wharf.invoke(foreign as string)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(calls).toEqual([]);
  });

  it('subscribes to event channels only, hands the page the payload alone, and unsubscribes', () => {
    const { exposed, listeners, calls } = loadPreload([contractArg()]);
    const wharf = exposed.get('wharf') as { on(e: string, l: (...args: unknown[]) => void): () => void };
    for (const event of Object.keys(EVENT_CHANNELS)) {
      const seen: unknown[][] = [];
      const off = wharf.on(event, (...args) => seen.push(args));
      const [ipcListener] = [...(listeners.get(event) ?? [])];
      const ipcEvent = { sender: { ipcRenderer: 'secret' }, ports: [] };
      ipcListener!(ipcEvent, { hello: event });
      expect(seen).toEqual([[{ hello: event }]]);
      off();
      expect(listeners.get(event)?.size).toBe(0);
    }
    calls.length = 0;
    for (const foreign of ['shares:list', 'settings:update', 'ELECTRON_BROWSER_WINDOW_ALERT', 'toString']) {
      expect(() => wharf.on(foreign, () => undefined)).toThrow(TypeError);
    }
    expect(calls).toEqual([]);
  });

  it('opens no channel at all when main passed no (or a damaged) channel list', async () => {
    for (const argv of [[], [`${BRIDGE_ARGUMENT}%7Bnot json`], [`${BRIDGE_ARGUMENT}${encodeURIComponent('{"requests":"shares:list"}')}`]]) {
      const { exposed, calls } = loadPreload(argv);
      const wharf = exposed.get('wharf') as { invoke(c: string, p?: unknown): Promise<unknown> };
      await expect(wharf.invoke('shares:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(calls).toEqual([]);
    }
  });

  it('drops names in the list that are not channel-shaped', async () => {
    const arg = encodeBridgeArgument({ requests: ['shares:list', 'constructor', '__proto__', 'a b:c'], events: [] });
    const { exposed, calls } = loadPreload([arg]);
    const wharf = exposed.get('wharf') as { invoke(c: string, p?: unknown): Promise<unknown> };
    await wharf.invoke('shares:list', {});
    await wharf.invoke('constructor', {});
    await wharf.invoke('a b:c', {});
    expect(calls.map((c) => c.args[0])).toEqual(['shares:list']);
  });

  it('is part of the build: tsc -p tsconfig.json emits it as dist/src-main/electron/preload.cjs, plain CommonJS', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    // tsconfig's include lists *.ts only; the .cts file enters the program because an included file
    // imports it (tsc compiles every file its program reaches).
    expect(parsed.fileNames).not.toContain(SOURCE);
    const importers = parsed.fileNames.filter((f) => {
      if (path.dirname(f) !== path.dirname(SOURCE)) return false;
      const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
      return importedFiles.some((i) => i.fileName === './preload.cjs');
    });
    expect(importers.map((f) => path.basename(f))).toContain('bridge-args.ts');
    expect(parsed.options.rootDir && path.resolve(parsed.options.rootDir)).toBe(root);
    const out = path.join(parsed.options.outDir!, path.relative(root, SOURCE)).replace(/\.cts$/, '.cjs');
    expect(path.relative(root, out)).toBe('dist/src-main/electron/preload.cjs');
    // What tsc writes for a .cts file is what transpileModule wrote above: check it is plain CommonJS.
    expect(compiled).toMatch(/require\("electron"\)/);
    expect(compiled).not.toMatch(/^\s*(import|export)\b/m);
    expect(compiled).not.toMatch(/require\("\.{1,2}\//);
  });

  it('reads the same argument name main writes', () => {
    expect(readFileSync(SOURCE, 'utf8')).toContain(`const BRIDGE_ARGUMENT = '${BRIDGE_ARGUMENT}';`);
    expect(contractArg().startsWith(BRIDGE_ARGUMENT)).toBe(true);
    // The argument must not split into more switches on any shell or command line parser.
    expect(contractArg()).not.toMatch(/[\s"'\\]/);
  });
});
