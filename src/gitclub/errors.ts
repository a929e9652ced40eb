// Note: a re-export kept for the files that still import from here (organization/, repository/,
// role/, grant/, access-request/, guards/, access-changes.ts); the refusal builder and the
// `RefusalReason` list live in src/errors/, the one module that builds errors. New code imports from there.
export { quoted, refusal } from '../errors/refusal.js';
export type { RefusalReason } from '../errors/error-catalog.js';
