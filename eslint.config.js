// One lint config for the whole repo. Type-aware rules come from typescript-eslint's
// project service, so every workspace's own tsconfig.json is used.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// The BFF's features, each its own folder; `jobs` is what they share about backup jobs.
const BFF_FEATURES = [
  'alerts',
  'backups',
  'clusters',
  'fleet',
  'health',
  'history',
  'policies',
  'session',
  'tenants',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      'playwright-report/**',
      'test-results/**',
      '**/vite.config.ts',
      '**/vitest.config.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['playwright.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves the `.js` specifiers of our ESM sources to their `.ts` files, through each
      // workspace's tsconfig, so that import rules see the real graph.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['packages/*/tsconfig.json', 'apps/*/tsconfig.json', 'e2e/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // No import cycle survives (a cycle once ran between the simulator's control channel and
      // its entry point).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Feature folders, one-way imports: shared code -> features -> app.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './apps/web/src/features/backups',
              from: './apps/web/src/features',
              except: ['./backups'],
              message:
                'A feature never imports another feature; move shared code to src/lib or src/components.',
            },
            {
              target: './apps/web/src/features/tenants',
              from: './apps/web/src/features',
              except: ['./tenants'],
              message:
                'A feature never imports another feature; move shared code to src/lib or src/components.',
            },
            {
              target: './apps/web/src/features/history',
              from: './apps/web/src/features',
              except: ['./history'],
              message:
                'A feature never imports another feature; move shared code to src/lib or src/components.',
            },
            {
              target: './apps/web/src/features/session',
              from: './apps/web/src/features',
              except: ['./session'],
              message:
                'A feature never imports another feature; move shared code to src/lib or src/components.',
            },
            {
              target: [
                './apps/web/src/features',
                './apps/web/src/components',
                './apps/web/src/lib',
                './apps/web/src/config',
                './apps/web/src/stores',
                './apps/web/src/i18n',
              ],
              from: './apps/web/src/app',
              message: 'Only src/app composes features; nothing imports from it.',
            },
            {
              target: [
                './apps/web/src/components',
                './apps/web/src/lib',
                './apps/web/src/config',
                './apps/web/src/stores',
                './apps/web/src/i18n',
              ],
              from: './apps/web/src/features',
              message: 'Shared code never imports a feature.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/bff/src/**/*.ts'],
    rules: {
      // Features depend on jobs (the one module that knows backup jobs), never on each other;
      // jobs depends on no feature.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...BFF_FEATURES.map((f) => ({
              target: `./apps/bff/src/features/${f}`,
              from: './apps/bff/src/features',
              except: [`./${f}`, './jobs'],
              message:
                'A BFF feature never imports another feature: share job knowledge through features/jobs, the rest through src/lib.',
            })),
            {
              target: './apps/bff/src/features/jobs',
              from: './apps/bff/src/features',
              except: ['./jobs'],
              message: 'features/jobs is what features share: it imports no feature.',
            },
          ],
        },
      ],
    },
  },
  {
    // The benchmarks and scripts are plain Node ESM, run without a build: no type information.
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { ignores: ['bench/.out/**'] },
);
