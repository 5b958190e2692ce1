// Offset paging for lists a person scrolls through (praise, audit, people admin).
export interface PageRequest {
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageWindow(request: PageRequest = {}): { page: number; pageSize: number; skip: number; limit: number } {
  const page = Math.max(1, Math.floor(request.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize ?? DEFAULT_PAGE_SIZE)));
  // One extra row tells whether there is a next page without counting the collection.
  return { page, pageSize, skip: (page - 1) * pageSize, limit: pageSize + 1 };
}

export function toPage<T>(rows: T[], window: { page: number; pageSize: number }): Page<T> {
  return { items: rows.slice(0, window.pageSize), page: window.page, pageSize: window.pageSize, hasMore: rows.length > window.pageSize };
}
