import type { CoordinateRow } from './coordinate-rows.js';
import { code, table } from './markdown.js';

/** The "Schema coordinates" section: every coordinate's requirement and resource, with a count per kind. */
export function coordinatesSection(rows: readonly CoordinateRow[]): string[] {
  const count = (predicate: (row: CoordinateRow) => boolean) => rows.filter(predicate).length;
  return [
    '## Schema coordinates',
    '',
    'Every schema coordinate carrying an authorization directive, sorted. The requirement is an `@auth` permission,',
    '"signed in" (`@authenticated`) or "public" (`@public`). The resource is what the permission is checked on:',
    '"returned objects" for a type-level `@auth` (every object of the type, wherever it is returned), "parent object"',
    "for a field-level `@auth`, the argument path naming the resource id for a root field, and the root field's",
    'resource for an input field (checked only when the client provides that field). Root fields that are only',
    '"signed in" may check more in their resolvers: their SDL descriptions say what.',
    '',
    table(
      ['Coordinate', 'Requirement', 'Resource'],
      rows.map((row) => [code(row.coordinate), row.requirement, row.resource]),
    ),
    '',
    `${rows.length} coordinates: ${count((row) => row.requirement === 'public')} public, ${count((row) => row.requirement === 'signed in')} signed in, ` +
      `${count((row) => row.permission !== undefined)} guarded by \`@auth\`.`,
    '',
  ];
}
