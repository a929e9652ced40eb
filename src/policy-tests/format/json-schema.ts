import type { Shape } from './shape.js';

/** A JSON Schema (draft-07) document, as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The JSON Schema of a shape, for editors (yaml-language-server completes and checks a file from
 * it). The runner does not read it: it checks files against the shape itself, with line numbers.
 */
export function jsonSchemaOf(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case 'any':
      return { description: shape.description };
    case 'nullable': {
      const inner = jsonSchemaOf(shape.inner);
      return { ...inner, type: [inner.type, 'null'], ...(Array.isArray(inner.enum) ? { enum: [...inner.enum, null] } : {}) };
    }
    case 'text':
      return {
        type: 'string',
        description: shape.description,
        ...(shape.known ? { enum: shape.known } : shape.pattern ? { pattern: shape.pattern } : {}),
      };
    case 'choice':
      return { type: 'string', description: shape.description, enum: shape.choices };
    case 'flag':
      return { type: 'boolean', description: shape.description };
    case 'list':
      return { type: 'array', description: shape.description, items: jsonSchemaOf(shape.items) };
    case 'map':
      return {
        type: 'object',
        description: shape.description,
        ...(shape.keyPattern ? { propertyNames: { pattern: shape.keyPattern } } : {}),
        additionalProperties: jsonSchemaOf(shape.values),
      };
    case 'record':
      return {
        type: 'object',
        description: shape.description,
        properties: Object.fromEntries(Object.entries(shape.fields).map(([key, field]) => [key, jsonSchemaOf(field)])),
        ...(shape.required.length > 0 ? { required: shape.required } : {}),
        ...(shape.exactlyOne ? { minProperties: 1, maxProperties: 1 } : {}),
        additionalProperties: false,
      };
  }
}
