import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule in eslint.config.js keeps imports flowing one way; these cases show it refuses each wrong turn.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
const refused = async (filePath: string, from: string) => {
  const [result] = await eslint.lintText(`import * as m from '${from}';\nexport const used = m;\n`, { filePath });
  return result.messages.some((m) => m.ruleId === 'no-restricted-imports');
};

describe('imports flow one way: ml ← worker; ml, storage ← store ← features ← app', () => {
  it.each([
    ['src/ml/x.ts', '../worker/lab-api'],
    ['src/ml/x.ts', 'react'],
    ['src/worker/x.ts', '../store/lab-store'],
    ['src/storage/x.ts', '../store/lab-store'],
    ['src/store/x.ts', '../features/lab/lab-view'],
    ['src/features/lab/x.ts', '../../storage/models'],
    ['src/features/lab/x.ts', '../../worker/bridge'],
    ['src/features/lab/x.ts', '../registry/models-view'],
    ['src/ui/x.ts', '../store/lab-store'],
    ['src/store/x.ts', '../test-support/storage-fakes'],
  ])('%s may not import %s', async (file, from) => {
    expect(await refused(file, from)).toBe(true);
  });

  it.each([
    ['src/worker/x.ts', '../ml/sweep'],
    ['src/store/x.ts', '../worker/bridge'],
    ['src/features/lab/x.ts', '../../store/lab-store'],
    ['src/app/x.ts', '../features/lab/lab-view'],
    ['src/store/x.test.ts', '../test-support/storage-fakes'],
  ])('%s may import %s', async (file, from) => {
    expect(await refused(file, from)).toBe(false);
  });
});
