/** The 15 stream endpoints: route definitions and the cold Observable factories behind the client. */
export * from './routes/index.js';
export { streamRoute, routeQuery } from './stream-route.js';
export { nodeBaseUrl, streamUrl } from './node-url.js';
export type { RouteDefinition, Conversation, FiltersOf, ResponseOf } from './route-definition.js';
export type { StreamContext } from './stream-context.js';
