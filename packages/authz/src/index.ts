/** The authorization core: a decision over roles and a directive transform. Knows nothing of any domain. */
export * from './access-lookup.js';
export * from './access-source.js';
export * from './assert-auth-coverage.js';
export * from './auth-coordinates.js';
export * from './auth-directive-transformer.js';
export * from './auth-directives.js';
export * from './authorizer.js';
export * from './check.js';
export * from './decide.js';
export * from './decision.js';
export * from './enforce.js';
export * from './errors.js';
export * from './explain.js';
export * from './permission-catalog.js';
export * from './shadow-arbiter.js';
export * from './viewer.js';
export * from './viewer-access.js';
