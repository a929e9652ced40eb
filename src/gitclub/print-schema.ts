import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema } from './schema.js';

/**
 * The complete SDL of the API: directive definitions, the directives on types and fields, and the
 * authorization each description states. What `npm run schema:print` prints and `schema.graphql`
 * holds, so that code generators and IDEs read one self-contained file.
 */
export function printApiSchema(): string {
  return `${printSchemaWithDirectives(buildSchema())}\n`;
}
