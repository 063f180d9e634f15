// Lint is part of the suite so the DESIGN.md import table is enforced wherever tests run.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('eslint', () => {
  it('reports no problems in the tree', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('refuses imports that DESIGN.md forbids', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['src-main/vfs/probe.ts', "import { checkWritable } from '../servers/session.js';\nexport const x = checkWritable;\n"],
      ['src-main/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
      ['src-main/servers/probe.ts', "import { Vfs } from '../vfs/vfs.js';\nexport const x = Vfs;\n"],
      ['src-main/cli/probe.ts', "import { Vfs } from '../vfs/index.js';\nexport const x = Vfs;\n"],
      ['src-shared/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ];
    for (const [file, code] of cases) {
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
      const rules = result?.messages.map((m) => m.ruleId) ?? [];
      expect(rules, file).toContain('wharf/layer-imports');
    }
    const [allowed] = await eslint.lintText("import { Vfs } from '../vfs/index.js';\nexport const x = Vfs;\n", {
      filePath: path.join(ROOT, 'src-main/servers/probe.ts'),
    });
    expect(allowed?.messages.filter((m) => m.ruleId === 'wharf/layer-imports')).toEqual([]);
  });
});
