// Lints openapi/swagger.yaml with Redocly's recommended rules; exits 1 on any error.
import { createConfig, lint, formatProblems } from '@redocly/openapi-core';

const config = await createConfig({ extends: ['recommended'] });
const problems = await lint({ ref: 'openapi/swagger.yaml', config });
const errors = problems.filter((problem) => problem.severity === 'error');
formatProblems(problems, {
  format: 'stylish',
  totals: { errors: errors.length, warnings: problems.length - errors.length, ignored: 0 },
});
if (errors.length > 0) process.exit(1);
console.log('openapi/swagger.yaml: valid');
