/** One page of a connection, as far as paging through it needs. */
export interface ConnectionPage<TNode> {
  readonly nodes: readonly TNode[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

/**
 * Every node of a connection, asking page after page until the API says there is no next page.
 * `maxPages` bounds a download that may stop early (the audit log's); without it nothing is left
 * out, and a next page without a new cursor is an error rather than a short list or a loop.
 */
export async function allPages<TNode>(
  fetchPage: (after: string | null) => Promise<ConnectionPage<TNode>>,
  { maxPages = Number.POSITIVE_INFINITY }: { maxPages?: number } = {},
): Promise<TNode[]> {
  const nodes: TNode[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    const next = page.pageInfo.endCursor;
    if (!next || next === after) throw new Error('The server said there is more, but gave no way to ask for it.');
    after = next;
  }
  return nodes;
}
