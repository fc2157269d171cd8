// ESLint with every eslint-plugin-jwt rule, on the JS/TS files of the benchmark corpus.
import jwt from 'eslint-plugin-jwt';
import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    plugins: { jwt },
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: Object.fromEntries(Object.keys(jwt.rules).map((name) => [`jwt/${name}`, 'warn'])),
  },
];
