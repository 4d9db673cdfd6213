/**
 * The layers of ../shared/DESIGN.md, checked on every `npm run lint` (and so in `npm test` and CI):
 *   front ends (src/cli, src/tui) → the core API (src/core/index.ts) → core modules → db.
 * Front ends import core only through src/core/index.ts; a core module imports another only
 * through that module's index.ts; nothing imports the layer above it.
 */
const MODULES = '(ai|budgets|calendar|chat|config|db|errors|exports|jobs|ledger|mail|money|notify|integrations|reports|secrets|statements)';

module.exports = {
  forbidden: [
    {
      name: 'front-end-through-core-index',
      comment: 'src/cli and src/tui use the library as its users do: only through src/core/index.ts',
      severity: 'error',
      from: { path: '^src/(cli|tui)/' },
      to: { path: '^src/core/', pathNot: '^src/core/index\\.ts$' },
    },
    {
      name: 'module-through-index',
      comment: 'a core module imports another only through its index.ts',
      severity: 'error',
      from: { path: `^src/core/${MODULES}/` },
      to: { path: `^src/core/${MODULES}/`, pathNot: [`^src/core/$1/`, `^src/core/${MODULES}/index\\.ts$`] },
    },
    {
      name: 'core-not-above-itself',
      comment: 'core modules do not import the core API (finch.ts, index.ts) above them; a type for the Finch handle is allowed',
      severity: 'error',
      from: { path: `^src/core/${MODULES}/` },
      to: { path: '^src/core/(finch|index)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-not-front-ends',
      comment: 'the library never imports a front end',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(cli|tui)/' },
    },
    {
      name: 'base-modules-stay-below',
      comment: 'errors, money, calendar, config and db are the base every module stands on: they import none of the modules above',
      severity: 'error',
      from: { path: '^src/core/(errors|money|calendar|config|db)/' },
      to: { path: '^src/core/(ai|budgets|chat|exports|jobs|ledger|mail|notify|integrations|reports|secrets|statements)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
