import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// Import directions are one-way: components → state/map/export → layers → core. The core stays pure
// (no DOM, no rendering libraries) so it runs in Node tests.
const rendering = ['svelte', 'svelte/*', 'maplibre-gl', '@deck.gl/*'];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'geo/build/', 'data/*.json', 'data/*.csv', 'tests/e2e/out/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendering,
            '../state/*',
            '../map/*',
            '../components/*',
            '../layers/*',
            '../export/*',
            '../data/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'location'],
    },
  },
  {
    files: ['src/layers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'svelte',
            'svelte/*',
            'maplibre-gl',
            '@deck.gl/mapbox',
            '../components/*',
            '../map/*',
            '../state/*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['maplibre-gl', '@deck.gl/*', '../components/*', '../map/*'] },
      ],
    },
  },
);
