import { routeQuery, type RouteDefinition } from '../endpoints/index.js';

/**
 * The key under which shared subscriptions of one route are pooled: the route's canonical query
 * string (after every check of {@link routeQuery}) with its parameters sorted, so filters that
 * differ only in key order, in the order of list elements, or by undefined values (or `{}`
 * versus none) map to the same key. Explicit values are kept as given: `false` is not merged
 * with a left-out flag, since for some routes (transaction results' `status`) false is a filter.
 * Throws the route's `BadRequestError` when the filters are refused.
 */
export function shareKey<F>(route: RouteDefinition<F, unknown>, filters: F | undefined): string {
  const query = routeQuery(route, (filters ?? {}) as F);
  return query.replace(/^\?/, '').split('&').filter((part) => part !== '').sort().join('&');
}
