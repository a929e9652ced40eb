import { useState } from 'react';

/** A list shown a page at a time: the cursor of the page shown, its number, and the moves between pages. */
export interface CursorPages {
  /** The `after` of the page shown (null: the first page). */
  readonly after: string | null;
  /** The page shown, from 1. */
  readonly page: number;
  readonly next: (endCursor: string) => void;
  readonly previous: () => void;
  /** Back to the first page (the list asked for has changed). */
  readonly reset: () => void;
}

/** Keeps the cursors of the pages seen, so "Previous page" returns exactly where one was. */
export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<readonly string[]>([]);
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length + 1,
    next: (endCursor) => setCursors([...cursors, endCursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
    reset: () => setCursors([]),
  };
}

/** "Previous page" and "Next page", each only where there is such a page. */
export function PageButtons({
  pages,
  pageInfo,
}: {
  pages: CursorPages;
  pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}) {
  const { endCursor } = pageInfo;
  return (
    <div className="row-controls">
      {pages.page > 1 && (
        <button type="button" onClick={pages.previous}>
          Previous page
        </button>
      )}
      {pageInfo.hasNextPage && endCursor && (
        <button type="button" onClick={() => pages.next(endCursor)}>
          Next page
        </button>
      )}
    </div>
  );
}
