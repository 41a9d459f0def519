import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// src/ml must run unchanged in Node, the worker and tests: no DOM, UI, worker-transport or storage libraries.
const mlForbidden = ['react', 'react-dom', 'react-dom/*', 'comlink', 'idb', 'zustand', 'zustand/*', 'recharts'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ml/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: mlForbidden.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'src/ml is pure TypeScript: keep UI, worker and storage code out.' })),
        patterns: [{ group: ['react-dom/*', 'zustand/*', '**/worker/**', '**/storage/**', '**/store/**', '**/features/**', '**/ui/**', '**/app/**'], message: 'src/ml must not depend on the app.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/ml has no DOM.' },
        { name: 'document', message: 'src/ml has no DOM.' },
        { name: 'localStorage', message: 'src/ml has no DOM.' },
        { name: 'indexedDB', message: 'src/ml has no storage.' },
        { name: 'navigator', message: 'src/ml has no DOM.' },
      ],
    },
  },
);
