import { basename } from 'node:path';

/** One file of a browser bundle, served under its content-hashed name. */
export interface HashedAsset {
  readonly contents: Uint8Array;
  readonly contentType: string;
}

/**
 * A bundle's files by their content-hashed names (`console-4HZQ2K7A.js`), and the hashed names of
 * the files its page links, by the label the bundle gives them (`script`, `stylesheet`, ...).
 */
export interface HashedAssets<Entry extends string> {
  readonly files: ReadonlyMap<string, HashedAsset>;
  readonly entries: Readonly<Record<Entry, string>>;
}

/**
 * How a browser bundle is built, from the sources in memory or by `npm run build`: esbuild's entry
 * points (output name to source) and the files the page links, by label, named as before hashing
 * (`{ script: 'console.js' }` finds `console-<hash>.js`).
 */
export interface BrowserBundle<Entry extends string> {
  /** Names the bundle in messages and its folder under dist/assets/. */
  readonly name: string;
  readonly entryPoints: Readonly<Record<string, string>>;
  readonly entries: Readonly<Record<Entry, string>>;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

/**
 * A bundle's files as served, from esbuild's output or the files `npm run build` wrote (anything
 * with a path and contents). Throws, naming the file, when an entry the page links is missing.
 */
export function hashedAssetsOf<Entry extends string>(
  bundle: BrowserBundle<Entry>,
  outputs: readonly { readonly path: string; readonly contents: Uint8Array }[],
): HashedAssets<Entry> {
  const files = new Map<string, HashedAsset>();
  for (const { path, contents } of outputs) {
    const name = basename(path);
    files.set(name, { contents, contentType: contentTypes[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
  }
  const hashedName = (unhashed: string) => {
    const extension = unhashed.slice(unhashed.lastIndexOf('.'));
    const prefix = `${unhashed.slice(0, -extension.length)}-`;
    const name = [...files.keys()].find((candidate) => candidate.startsWith(prefix) && candidate.endsWith(extension));
    if (!name) throw new Error(`The ${bundle.name} bundle has no ${unhashed}.`);
    return name;
  };
  const labels = Object.keys(bundle.entries) as Entry[];
  const entries = Object.fromEntries(labels.map((label) => [label, hashedName(bundle.entries[label])])) as Record<Entry, string>;
  return { files, entries };
}

/** Loads a bundle's files: bundled in memory from the sources, or read from dist/ in the compiled server. */
export type LoadBundle = <Entry extends string>(bundle: BrowserBundle<Entry>) => Promise<HashedAssets<Entry>>;
