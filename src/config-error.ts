/** A setting that cannot be used, named with what it expects. */
export class ConfigError extends Error {}
