import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// src/ml must run unchanged in Node, the worker and tests: no DOM, UI, worker-transport or storage libraries.
const mlForbidden = ['react', 'react-dom', 'comlink', 'idb', 'zustand', 'recharts'];

// Imports flow one way: src/ml ← src/worker; src/ml, src/storage ← src/store ← src/features ← src/app; src/ui is
// shared by features and app. A folder lists the folders it must not import; test files and src/test-support
// (fixtures, fakes) may import anything, and nothing in the product imports src/test-support.
const FOLDERS = ['ml', 'worker', 'storage', 'store', 'ui', 'features', 'pwa', 'app', 'test-support'];
const MAY_IMPORT = {
  ml: [],
  worker: ['ml'],
  storage: ['ml'],
  store: ['ml', 'worker', 'storage'],
  ui: ['ml'],
  features: ['ml', 'store', 'ui'],
  pwa: [],
  app: ['ml', 'worker', 'storage', 'store', 'ui', 'features', 'pwa'],
};
const FEATURES = ['data', 'history', 'lab', 'predict', 'registry', 'stability'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

const folderPatterns = (folders) => folders.map((f) => `**/${f}/**`);
/** The import rule for one folder (and, for a feature, the other features it must not reach). */
function importRule(folder, feature) {
  const banned = FOLDERS.filter((f) => f !== folder && !MAY_IMPORT[folder].includes(f));
  const patterns = [{ group: folderPatterns(banned), message: `src/${folder} must not import these folders (see MAY_IMPORT in eslint.config.js).` }];
  if (feature) {
    const others = FEATURES.filter((f) => f !== feature);
    patterns.push({ group: others.flatMap((f) => [`../${f}/**`, `**/features/${f}/**`]), message: 'A feature must not import another feature; share through src/store or src/ui.' });
  }
  if (folder === 'ml') {
    return ['error', {
      paths: mlForbidden.map((name) => ({ name, message: 'src/ml is pure TypeScript: keep UI, worker and storage code out.' })),
      patterns: [...patterns, { group: mlForbidden.map((name) => `${name}/*`), message: 'src/ml is pure TypeScript: keep UI, worker and storage code out.' }],
    }];
  }
  return ['error', { patterns }];
}

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'dist-e2e-*', 'dist-cli', 'node_modules', 'test-results', 'playwright-report', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain-JavaScript Node scripts (tools/build-cli.mjs, tools/learn.mjs) run without a TypeScript step.
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.keys(MAY_IMPORT)
    .filter((folder) => folder !== 'features')
    .map((folder) => ({ files: [`src/${folder}/**/*.{ts,tsx}`], ignores: TEST_FILES, rules: { 'no-restricted-imports': importRule(folder) } })),
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': importRule('features', feature) },
  })),
  {
    files: ['src/ml/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/ml has no DOM.' },
        { name: 'document', message: 'src/ml has no DOM.' },
        { name: 'localStorage', message: 'src/ml has no DOM.' },
        { name: 'indexedDB', message: 'src/ml has no storage.' },
        { name: 'navigator', message: 'src/ml has no DOM.' },
      ],
    },
  },
  {
    // Tests may import anything: fixtures and fakes in src/test-support, the worker API in-process.
    files: TEST_FILES.map((p) => `src/${p}`),
    rules: { 'no-restricted-imports': 'off' },
  },
);
