// Local ESLint rule enforcing DESIGN.md's "may import" table: every relative import is resolved to
// a file and the layer of the importer must be allowed to reach the layer of the target. Package
// imports are checked against the per-layer package allow list (`electron` only in src-main/electron).
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Layers in match order: the first prefix that matches a file's repo-relative path wins. */
const LAYERS = [
  ['src-main/vfs/backend/sftp', 'vfs-sftp-backend'],
  ['src-main/vfs', 'vfs'],
  ['src-main/servers', 'servers'],
  ['src-main/core', 'core'],
  ['src-main/api', 'api'],
  ['src-main/cli', 'cli'],
  ['src-main/electron', 'electron'],
  ['src-shared', 'shared'],
  ['src-renderer', 'renderer'],
];

const MAY_IMPORT = {
  shared: ['shared'],
  vfs: ['vfs', 'vfs-sftp-backend', 'shared'],
  'vfs-sftp-backend': ['vfs', 'vfs-sftp-backend', 'shared'],
  servers: ['servers', 'vfs-public', 'shared'],
  core: ['core', 'servers', 'vfs-public', 'shared'],
  api: ['api', 'core', 'shared'],
  cli: ['cli', 'core', 'api', 'shared'],
  electron: ['electron', 'api', 'core', 'shared'],
  renderer: ['renderer', 'shared'],
};

const NODE_BUILTIN = /^node:/;
/** Packages each layer may use; node builtins are allowed in every main-process layer. */
const PACKAGES = {
  shared: ['zod'],
  vfs: ['chokidar'],
  'vfs-sftp-backend': ['chokidar', 'ssh2'],
  servers: ['ssh2', 'ftp-srv'],
  core: ['zod', 'conf'],
  api: ['zod', 'ws'],
  cli: [],
  electron: ['electron', 'electron-store'],
  // UI libraries picked in README "UI": accessible primitives, the throughput chart, QR codes, icons.
  renderer: ['react', 'react-dom', 'zod', 'react-aria-components', 'uplot', 'qrcode.react', 'lucide-react'],
};

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  for (const [prefix, layer] of LAYERS) {
    if (rel === prefix || rel.startsWith(`${prefix}/`)) return { layer, rel };
  }
  return undefined;
}

/** The vfs public API is its index file; servers and core may import only that. */
function isVfsPublic(rel) {
  return rel === 'src-main/vfs/index.js' || rel === 'src-main/vfs/index.ts';
}

export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the DESIGN.md layer import table' },
    schema: [],
    messages: {
      layer: '{{from}} may not import {{to}} ({{target}}): see DESIGN.md "Folders and what each may import"',
      pkg: '{{from}} may not import the package "{{pkg}}": see DESIGN.md',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (!target) {
          context.report({ node, messageId: 'layer', data: { from: from.layer, to: 'outside the layers', target: spec } });
          return;
        }
        const allowed = MAY_IMPORT[from.layer];
        const ok =
          allowed.includes(target.layer) ||
          (allowed.includes('vfs-public') && target.layer === 'vfs' && isVfsPublic(target.rel));
        if (!ok) context.report({ node, messageId: 'layer', data: { from: from.layer, to: target.layer, target: spec } });
        return;
      }
      if (NODE_BUILTIN.test(spec)) {
        if (from.layer === 'renderer' || from.layer === 'shared') {
          context.report({ node, messageId: 'pkg', data: { from: from.layer, pkg: spec } });
        }
        return;
      }
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!PACKAGES[from.layer].includes(pkg)) {
        context.report({ node, messageId: 'pkg', data: { from: from.layer, pkg } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
