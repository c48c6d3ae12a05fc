import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Views and UI code never reach the transport directly: the store is their only source.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/docker/**', '**/ssh/**', 'dockerode', 'ssh2'] }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/docker/**',
            '**/ssh/**',
            '**/fleet/**',
            '**/ui/**',
            '**/actions/**',
            'dockerode',
            'ssh2',
            'ink',
            'react',
          ],
        },
      ],
    },
  },
  {
    files: ['src/ssh/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['**/docker/**', '**/fleet/**', '**/ui/**', '**/actions/**', '**/domain/**', 'dockerode'],
        },
      ],
    },
  },
  {
    files: ['src/fleet/**', 'src/actions/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/ui/**', '**/ssh/**', 'dockerode', 'ssh2', 'ink'] }],
    },
  },
);
