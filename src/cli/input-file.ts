import { readFileSync } from 'node:fs';

/**
 * Reads a file a command was given (UTF-8), or fails with one line naming it (and the flag that
 * gave it, as `--mapping`) and why: no such file, a folder, no permission.
 */
export function readInputFile(file: string, flag?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new Error(`Cannot read ${flag ? `${flag} ` : ''}${file}: ${why}.`, { cause: error });
  }
}

/** Parses a JSON file's text, or fails with one line naming the file and where the JSON breaks. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** What a JSON value is, for messages: "an object", "an array", "a string", "null". */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
