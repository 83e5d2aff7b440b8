import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/sdk/src/generated/**',
      'openapi/dist/**',
      'storybook-static/**',
      '.data/**',
      'packages/components/stories/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The hub's store answers with Promises, and the access gate decides on what it answers: a Promise left
    // unawaited in a condition (`if (store.isRelated(…))`) is always truthy and would grant access. Type-aware
    // rules make that mistake fail the lint.
    files: ['packages/hub/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksConditionals: true, checksVoidReturn: true, checksSpreads: true }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Command-line programs talk to their user on the console.
    files: ['scripts/**', 'bench/**', '.ci/**', '**/*.config.*', 'packages/hub/src/main.ts', 'packages/hub/test/consumers/node-script/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // A test that reaches for something it set up itself may say so with `!`; a wrong guess fails the test.
    files: ['**/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
