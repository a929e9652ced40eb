import type DataLoader from 'dataloader';

/** Told the size of each batch a request's loader sends, by the loader's name (for the metrics). */
export type BatchSizeObserver = (loader: string, size: number) => void;

/**
 * The batch function `load`, telling `observer` each batch's size under `name` first; `load`
 * itself when nothing observes (no cost with the metrics off).
 */
export function observedBatch<K, V>(
  name: string,
  load: DataLoader.BatchLoadFn<K, V>,
  observer: BatchSizeObserver | undefined,
): DataLoader.BatchLoadFn<K, V> {
  if (!observer) return load;
  return (keys) => {
    observer(name, keys.length);
    return load(keys);
  };
}

/** Wraps a batch function (with `observedBatch`, under a loader's name), keeping its types. */
export type BatchWrapper = <K, V>(load: DataLoader.BatchLoadFn<K, V>) => DataLoader.BatchLoadFn<K, V>;
