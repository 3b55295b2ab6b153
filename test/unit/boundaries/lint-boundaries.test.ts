import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('import boundaries', () => {
  it('fails when core imports electron', async () => {
    const messages = await lint('electron/core/library/bad.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports') && m.includes('never import electron'))).toBe(true);
  });

  it('fails when core uses DOM globals', async () => {
    const messages = await lint('electron/core/audio/bad.ts', 'export const t = document.title;\n');
    expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('fails when shared imports anything but zod', async () => {
    expect(await lint('shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await lint('shared/bad.ts', "import { x } from '../electron/core/handlers.js';\nexport const y = x;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await lint('shared/ok.ts', "import { z } from 'zod';\nimport { Speaker } from './types.js';\nexport const s = z.object({ s: Speaker });\n")).toEqual([]);
  });

  it('fails when the renderer imports node, electron or core', async () => {
    for (const spec of ['node:fs', 'electron', 'better-sqlite3', '../../electron/core/handlers.js']) {
      const messages = await lint('renderer/src/bad.ts', `import * as m from '${spec}';\nexport const x = m;\n`);
      expect(messages.some((m) => m.startsWith('no-restricted-imports')), spec).toBe(true);
    }
  });

  it('accepts core importing shared and node', async () => {
    const code = "import { readFileSync } from 'node:fs';\nimport { CSP } from '../../shared/csp.js';\nexport const x = [readFileSync, CSP];\n";
    expect(await lint('electron/core/ok.ts', code)).toEqual([]);
  });
});
