import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder, where `schema/` and the explorer's browser sources live. This file
 * sits one level below it, and so does the compiled bundle (`dist/main.js`, which inlines this
 * module): one level up is the root from either.
 */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
