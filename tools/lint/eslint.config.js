// ESLint for the pages' scripts (web/assets/js): plain ES modules in the browser, no framework,
// no build step. Run from the repository root, as .ci/run does:
//   tools/lint/node_modules/.bin/eslint --config tools/lint/eslint.config.js web/assets/js
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['web/assets/js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // == only where it is the idiom: `x == null` for null or undefined.
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
];
