import { Migration20261122022532 } from './Migration20261122022532.js';
import { Migration20261122030000 } from './Migration20261122030000.js';
import { Migration20261122040000 } from './Migration20261122040000.js';
import { Migration20261122050000 } from './Migration20261122050000.js';
import { Migration20261122060000 } from './Migration20261122060000.js';
import { Migration20261122070000 } from './Migration20261122070000.js';
import { Migration20261130030000 } from './Migration20261130030000.js';
import { Migration20261206010000 } from './Migration20261206010000.js';
import { Migration20261206050000 } from './Migration20261206050000.js';
import { Migration20261206070000 } from './Migration20261206070000.js';
import { Migration20261206090000 } from './Migration20261206090000.js';
import { Migration20261207100000 } from './Migration20261207100000.js';
import { Migration20261207120000 } from './Migration20261207120000.js';

/**
 * Every committed migration, in order. Listed explicitly (not discovered from the folder) so they
 * run the same from TypeScript sources on every Node version.
 */
export const migrations = [
  { name: 'Migration20261122022532', class: Migration20261122022532 },
  { name: 'Migration20261122030000', class: Migration20261122030000 },
  { name: 'Migration20261122040000', class: Migration20261122040000 },
  { name: 'Migration20261122050000', class: Migration20261122050000 },
  { name: 'Migration20261122060000', class: Migration20261122060000 },
  { name: 'Migration20261122070000', class: Migration20261122070000 },
  { name: 'Migration20261130030000', class: Migration20261130030000 },
  { name: 'Migration20261206010000', class: Migration20261206010000 },
  { name: 'Migration20261206050000', class: Migration20261206050000 },
  { name: 'Migration20261206070000', class: Migration20261206070000 },
  { name: 'Migration20261206090000', class: Migration20261206090000 },
  { name: 'Migration20261207100000', class: Migration20261207100000 },
  { name: 'Migration20261207120000', class: Migration20261207120000 },
];
