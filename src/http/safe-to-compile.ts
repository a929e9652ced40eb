import { BREAK, isSpecifiedScalarType, isScalarType, Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * The text graphql-jit 0.8.9 gives a meaning in the code it generates: it writes a field's literal
 * arguments into that code with `JSON.stringify`, then replaces quoted strings that start with its
 * marker for dates (`"__MAGIC_DATE__<uuid>…"`) by `new Date(…)`, the rest of the string unquoted.
 * A string argument holding that marker therefore becomes code run in the server: remote code
 * execution for anyone who can send a query (found while adopting it; its NaN and Infinity markers
 * turn a string into a number). Every marker starts with this.
 */
const generatedCodeMarker = '__MAGIC_';

/**
 * Whether graphql-jit may compile this document without a client's text becoming code: no string
 * value anywhere in it (arguments, input objects, lists, directive arguments, variables' defaults)
 * holds graphql-jit's marker. The check holds for the built-in scalars, whose literals reach the
 * generated code as the document wrote them; a custom scalar's `parseLiteral` could make the marker
 * out of any literal, so with custom scalars in the schema only documents whose arguments are all
 * variables compile (variables reach the generated code as `JSON.stringify` alone writes them).
 */
export function safeToCompile(schema: GraphQLSchema, document: DocumentNode): boolean {
  const customScalars = hasCustomScalars(schema);
  let safe = true;
  visit(document, {
    StringValue(node) {
      if (node.value.includes(generatedCodeMarker)) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
    Argument(node) {
      if (customScalars && node.value.kind !== Kind.VARIABLE) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/** True when the schema declares a scalar of its own (read at each compilation: at most once per document). */
function hasCustomScalars(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).some((type) => isScalarType(type) && !isSpecifiedScalarType(type));
}
