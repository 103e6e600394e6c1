// Every Tessera list is cursor-paginated: `next_cursor` from one page is the `cursor` of the next,
// null on the last. These walk a list page by page, fetching only as far as the caller reads.

/** One page as the lists return it. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Yields every item of a cursor-paginated list; `fetchPage(undefined)` is the first page. */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}

/** Reads a whole list (or its first `max` items) into an array. */
export async function collect<T>(items: AsyncIterable<T>, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
