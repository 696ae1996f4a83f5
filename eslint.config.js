import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// Import directions are one-way: components → export → map → view → layers/data/state → core. The core stays pure
// (no DOM, no rendering libraries) so it runs in Node tests.
const rendering = ['svelte', 'svelte/*', 'maplibre-gl', '@deck.gl/*'];
/** Relative import patterns of other rooms of src. */
const rooms = (...names) => names.map((n) => `../${n}/*`);

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
  // Each room of src imports only what its README allows (see src/*/README.md). Type-only imports
  // are allowed where a room needs another's shapes but not its code.
  ...[
    {
      files: ['src/layers/**/*.ts'],
      banned: [
        'svelte',
        'svelte/*',
        'maplibre-gl',
        '@deck.gl/mapbox',
        ...rooms('components', 'map', 'state', 'view', 'export', 'data'),
      ],
    },
    {
      files: ['src/view/**/*.ts'],
      banned: [...rendering, ...rooms('components', 'map', 'export')],
      typesOnly: ['../layers/index.ts', '../layers/rail.ts', '../layers/facilities.ts', '../data/rail.ts'],
    },
    {
      files: ['src/state/**/*.ts'],
      banned: [
        'maplibre-gl',
        '@deck.gl/*',
        ...rooms('components', 'map', 'view', 'export', 'layers', 'data'),
      ],
    },
    {
      files: ['src/data/**/*.ts'],
      banned: [...rendering, ...rooms('components', 'map', 'view', 'export', 'layers')],
    },
    {
      // deck.gl and the deck layers load only once a deck layer is on: only the lazily imported
      // deck-overlay.ts may import their code (a value import elsewhere put deck.gl in the first bundle).
      files: ['src/map/**/*.ts'],
      ignores: ['src/map/deck-overlay.ts'],
      banned: ['svelte', 'svelte/*', ...rooms('components', 'view', 'export', 'data')],
      typesOnly: [
        '../state/*',
        '@deck.gl/*',
        '../layers/index.ts',
        '../layers/facilities.ts',
        '../layers/rail.ts',
        '../layers/selection.ts',
      ],
    },
    {
      files: ['src/map/deck-overlay.ts'],
      banned: ['svelte', 'svelte/*', ...rooms('components', 'view', 'export', 'data')],
      typesOnly: ['../state/*'],
    },
    {
      files: ['src/export/**/*.ts'],
      banned: [
        'svelte',
        'svelte/*',
        'maplibre-gl',
        '@deck.gl/*',
        ...rooms('components'),
        '../state/store.svelte.ts',
        '../state/updaters.ts',
      ],
    },
    {
      files: ['src/components/**/*.svelte', 'src/components/**/*.ts'],
      banned: ['maplibre-gl', '@deck.gl/*'],
    },
    {
      files: ['src/cli/**/*.ts'],
      banned: ['svelte', 'svelte/*', ...rooms('components', 'map', 'view', 'state')],
    },
  ].map(({ files, ignores = [], banned, typesOnly = [] }) => ({
    files,
    ignores,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned, message: "This room may not import that (see the room's README)." },
            ...(typesOnly.length
              ? [
                  {
                    group: typesOnly,
                    allowTypeImports: true,
                    message: 'Only types may be imported from there.',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
);
