// Note: a re-export kept for the files that still import from here (organization/, repository/,
// role/, grant/, access-request/); the builder lives in src/errors/, the one module that builds
// errors. New code imports from there.
export { badUserInputError } from '../errors/graphql-errors.js';
