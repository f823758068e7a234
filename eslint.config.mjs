// ESLint for the whole workspace (`npm run lint`, part of `npm test`): typescript-eslint's
// recommended rules, React hooks in the dashboard, and Nx module boundaries on the project
// tags (type:{app,lib,types,e2e}, scope:{api,dashboard,etl,shared}; STYLE.md "Layout").
// Formatting is Prettier's (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'screenshots/**',
      'coverage/**',
      '.nx/**',
      'libs/api-types/src/openapi.ts',
      '**/*.d.ts',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // apps → etl → libs; nothing flows back (STYLE.md)
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:types'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:types'] },
            { sourceTag: 'type:types', onlyDependOnLibsWithTags: ['type:types'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:lib', 'type:types'] },
            // the dashboard reads the API's published types only
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['type:types'] },
            { sourceTag: 'scope:etl', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:etl'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // the input checks match control characters on purpose: to refuse them (names, JSON bodies, archive entries)
      'no-control-regex': 'off',
    },
  },
  {
    files: ['apps/dashboard/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // tests may use non-null assertions and throwaway shapes
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // end-to-end suites test the projects' internals on purpose (the crash points of the
    // ingestor, the demo model); a spec may compare the dashboard's code lists with the
    // contract's. test/architecture still checks that no source file does either.
    files: ['test/**/*.ts', 'apps/dashboard/src/**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
);
