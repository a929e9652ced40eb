import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { DataPath } from './check-shape.js';

/** A YAML file's data as plain values, and the line each value starts on. */
export interface YamlData {
  readonly value: unknown;
  /** The line of the value at `path` (of its key, in a map); for a path that is not there, its nearest ancestor's. */
  lineOf(path: DataPath): number;
}

/** Something wrong with the YAML itself, at a line. */
export interface YamlProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Parses one YAML document (YAML 1.2: `on` and `no` are strings) into plain values, keeping where
 * each value is so that later checks can name its line. A syntax error, a repeated key or a key that
 * is not a string is a problem, all of them reported.
 */
export function readYaml(text: string): { readonly data?: YamlData; readonly problems: readonly YamlProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : Math.max(1, lineCounter.linePos(offset).line));
  const problems: YamlProblem[] = document.errors.map((error) => ({
    line: lineAt(error.pos[0]),
    message: `${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.?$/, '.')}`,
  }));
  if (problems.length > 0) return { problems };
  const lines = new Map<string, number>([[keyOf([]), 1]]);
  const value = plain(document, document.contents, [], lines, lineAt, problems);
  const lineOf = (path: DataPath): number => {
    for (let length = path.length; length >= 0; length--) {
      const line = lines.get(keyOf(path.slice(0, length)));
      if (line !== undefined) return line;
    }
    return 1;
  };
  return { data: { value, lineOf }, problems };
}

function keyOf(path: DataPath): string {
  return path.map(String).join('\u0000');
}

function plain(
  document: Document,
  node: unknown,
  path: DataPath,
  lines: Map<string, number>,
  lineAt: (offset: number | undefined) => number,
  problems: YamlProblem[],
): unknown {
  const resolved = isAlias(node) ? node.resolve(document) : node;
  if (isScalar(resolved)) return resolved.value;
  if (isSeq(resolved)) {
    return resolved.items.map((item, index) => {
      const itemPath = [...path, index];
      lines.set(keyOf(itemPath), lineAt(isScalar(item) || isMap(item) || isSeq(item) ? item.range?.[0] : undefined));
      return plain(document, item, itemPath, lines, lineAt, problems);
    });
  }
  if (isMap(resolved)) {
    const entries: [string, unknown][] = [];
    for (const pair of resolved.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      if (typeof key !== 'string' && typeof key !== 'number') {
        problems.push({ line, message: 'A key must be a plain name (a string).' });
        continue;
      }
      const entryPath = [...path, String(key)];
      lines.set(keyOf(entryPath), line);
      entries.push([String(key), plain(document, pair.value, entryPath, lines, lineAt, problems)]);
    }
    return Object.fromEntries(entries);
  }
  return null;
}
