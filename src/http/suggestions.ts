import type { GraphQLFormattedError } from 'graphql';

/**
 * Drops a trailing "Did you mean ...?" (which names fields, types and enum values of the schema)
 * from an error message, as Apollo Server's `hideSchemaDetailsFromClientErrors` does; that option
 * only sees validation errors, and variables are coerced later
 * (`Value "OPN" does not exist in "IssueState" enum. Did you mean the enum value "OPEN"?`).
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}
