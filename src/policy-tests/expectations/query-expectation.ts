import { runQueryExpectation } from '@rolegate/authz';
import { nameIds, resolveIdReferences } from '../format/id-references.js';
import { anonymous, type QuerySpec } from '../format/policy-test-format.js';
import { shown, type ExpectationOutcome, type ExpectationScope } from './expectation-result.js';

/**
 * A `query`: the document run through the server's schema as the user (their bearer token through
 * the server's own request context), its data and the error code at each path compared with the
 * core's `runQueryExpectation`. `{ $id: name }` in the variables and the expected data stands for an
 * id; ids in the answer are shown by name, and so is any error message naming one.
 */
export async function runQuery(spec: QuerySpec, { api, ids }: ExpectationScope): Promise<ExpectationOutcome> {
  const userId = spec.as === anonymous ? null : ids.idOf('user', spec.as);
  const { outcome, differences } = await runQueryExpectation(
    api.schema,
    {
      document: spec.document,
      variables: resolveIdReferences(spec.variables ?? {}, ids.idNamed) as Record<string, unknown>,
      ...(spec.operation_name ? { operationName: spec.operation_name } : {}),
      ...(spec.expect.data === undefined ? {} : { data: resolveIdReferences(spec.expect.data, ids.idNamed) }),
      ...(spec.expect.errors ? { errors: spec.expect.errors } : {}),
    },
    () => api.contextAs(userId),
  );
  const byName = (value: unknown) => nameIds(value, ids.nameOf);
  const withNames = (message: string) =>
    message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => ids.nameOf(id) ?? id);
  const rows = differences.map((difference) => {
    const error = difference.path.startsWith('errors.') ? outcome.errors[difference.path.slice('errors.'.length)] : undefined;
    return {
      label: difference.path,
      expected: shown(byName(difference.expected)),
      actual: error ? `${error.code}: ${withNames(error.message)}` : shown(byName(difference.actual)),
    };
  });
  const errors = Object.fromEntries(Object.entries(outcome.errors).map(([path, error]) => [path, error.code]));
  return { passed: differences.length === 0, actual: { data: byName(outcome.data), errors }, rows };
}
