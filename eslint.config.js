// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries between modules; each message says why the rule exists. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const agentOnlyAbove = {
  group: ['**/agent', '**/agent/**'],
  message: 'twin/, tristore/ and model/ sit below agent/ in the layers (docs/ARCHITECTURE.md): import nothing from it.',
};
const cliOnlyOnTop = {
  group: ['**/cli', '**/cli/**'],
  message: 'cli/ is the top layer: modules below it never import it (docs/ARCHITECTURE.md).',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/fixtures/**', 'coverage/**', '.krepis/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['kernel/**/*.ts'],
    rules: restrict([
      {
        group: ['**/src/**', '!./**', '!../**', 'krepis', 'krepis/**'],
        message: 'kernel/ is a standalone package (@krepis/kernel): it must import nothing from the Krepis tool in src/.',
      },
      { group: ['../../src/**', '../../../src/**'], message: 'kernel/ must import nothing from src/.' },
    ]),
  },
  { files: ['src/twin/**/*.ts'], rules: restrict([agentOnlyAbove, cliOnlyOnTop, { group: ['**/tristore', '**/tristore/**'], message: 'twin/ depends on kernel ports only; tristore/ is a sibling it must not import.' }]) },
  { files: ['src/tristore/**/*.ts'], rules: restrict([agentOnlyAbove, cliOnlyOnTop, { group: ['**/twin', '**/twin/**'], message: 'tristore/ and twin/ are independent layers: tristore/ must not import twin/.' }]) },
  { files: ['src/model/**/*.ts'], rules: restrict([agentOnlyAbove, cliOnlyOnTop, { group: ['**/tristore', '**/tristore/**', '**/twin', '**/twin/**'], message: 'model/ sits below tristore/ and twin/: it must not import them.' }]) },
  { files: ['src/config/**/*.ts', 'src/errors/**/*.ts'], rules: restrict([agentOnlyAbove, cliOnlyOnTop, { group: ['**/tristore', '**/tristore/**', '**/twin', '**/twin/**', '**/model', '**/model/**'], message: 'config/ and errors/ are the bottom layer: they import no other Krepis module.' }]) },
  { files: ['src/agent/**/*.ts'], rules: restrict([cliOnlyOnTop]) },
);
