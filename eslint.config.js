import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // One contract: the client takes its API types from the module the server's schemas derive, never its own copies.
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: 'server/schemas/(?!contract\\.ts$|issue-positions-format\\.ts$|refusal-codes\\.ts$)',
          message: 'Import API types from server/schemas/contract.ts.',
        }],
      }],
    },
  },
);
