/** The 15 stream endpoints: route definitions and the cold Observable factories behind the client. */
export * from './routes/index.js';
export { streamRoute, rawRoute, routeQuery } from './stream-route.js';
export { defaultTransport, type Transport } from './transport.js';
export { httpGet, type HttpResponse } from './http-get.js';
export * from './rest/index.js';
export { nodeBaseUrl, streamUrl, restUrl } from './node-url.js';
export type { RouteDefinition, Conversation, FiltersOf, ResponseOf } from './route-definition.js';
export type { StreamContext } from './stream-context.js';
