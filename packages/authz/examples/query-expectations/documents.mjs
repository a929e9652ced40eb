import { runQueryExpectation } from '@rolegate/authz';
import process, { stdout } from 'node:process';
import { buildDocumentsSchema, contextFor } from '../documents/schema.js';

// Policy tests of the documents example as data: each document runs through the schema as a viewer, and
// its data and the error code at each path are compared with what it must answer. Prints every
// difference; exits 1 if there is one.
const schema = buildDocumentsSchema();
/** @type {(import('@rolegate/authz').QueryExpectation & { as: string })[]} */
const expectations = [
  { as: 'bob', document: '{ folder(id: "f1") { name } }', data: { folder: { name: 'Plans' } } },
  {
    as: 'bob',
    document: 'mutation { renameDocument(id: "d1", title: "Mine") { title } }',
    data: { renameDocument: null },
    errors: { renameDocument: 'FORBIDDEN' },
  },
  { as: 'carol', document: '{ folder(id: "f1") { name } }', data: { folder: null }, errors: { folder: 'NOT_FOUND' } },
];
let differences = 0;
for (const { as, ...expectation } of expectations) {
  const result = await runQueryExpectation(schema, expectation, () => contextFor(as));
  for (const { path, expected, actual } of result.differences) {
    differences++;
    stdout.write(`${as} ${expectation.document}\n  ${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}\n`);
  }
}
stdout.write(`${expectations.length} expectations, ${differences} differences\n`);
if (differences > 0) process.exitCode = 1;
