/** The client: bind node URLs and socket options once, get one cold Observable factory per route. */
export { createClient, type ClientOptions, type VegaClient } from './create-client.js';
