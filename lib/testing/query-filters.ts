import type { ParamSpec } from '../wire/index.js';

/**
 * The filters a query string stands for, as the node reads them: repeated parameters as arrays,
 * booleans and counts as values, everything else (ids, enum names) as strings. Parameters the
 * route does not declare are kept as strings (the real node would ignore them).
 *
 * @example queryFilters('?marketIds=a&marketIds=b', params) // { marketIds: ['a', 'b'] }
 */
export function queryFilters(query: string, params: readonly ParamSpec[]): Record<string, unknown> {
  const filters: Record<string, unknown> = {};
  for (const [name, text] of new URLSearchParams(query)) {
    const param = params.find((p) => p.name === name);
    const value = param?.kind === 'bool' ? text === 'true' : param?.kind === 'count' ? Number(text) : text;
    if (param?.repeated) {
      const list = filters[name];
      filters[name] = Array.isArray(list) ? [...(list as unknown[]), value] : [value];
    } else {
      filters[name] = value;
    }
  }
  return filters;
}

/**
 * The filters of the event bus, read from its request frame (`type`, `marketId`, `partyId`,
 * `batchSize` as a number); an empty object when the frame is missing or not JSON.
 */
export function eventBusFilters(request: string | undefined): Record<string, unknown> {
  if (request === undefined) return {};
  let body: unknown;
  try {
    body = JSON.parse(request);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const filters: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if (typeof filters['batchSize'] === 'string') filters['batchSize'] = Number(filters['batchSize']);
  return filters;
}
