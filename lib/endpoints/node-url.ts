/**
 * Normalise a data-node address to the base of its websocket URLs: `https://` becomes
 * `wss://`, `http://` becomes `ws://`, trailing slashes go. Throws a TypeError saying what form
 * is expected when the address is not a URL of one of those four schemes.
 *
 * @example nodeBaseUrl('https://api.n07.testnet.vega.xyz/') // 'wss://api.n07.testnet.vega.xyz'
 */
export function nodeBaseUrl(node: string): string {
  let url: URL;
  try {
    url = new URL(node);
  } catch {
    throw new TypeError(`Node address ${JSON.stringify(node)} is not a URL: give one like wss://api.n07.testnet.vega.xyz`);
  }
  const scheme = { 'wss:': 'wss:', 'https:': 'wss:', 'ws:': 'ws:', 'http:': 'ws:' }[url.protocol];
  if (!scheme) {
    throw new TypeError(`Node address ${JSON.stringify(node)} has scheme ${url.protocol}: use wss:// (or ws:// for a local node)`);
  }
  if (url.search || url.hash) {
    throw new TypeError(`Node address ${JSON.stringify(node)} has a query or fragment: give only the scheme, host and optional path prefix`);
  }
  return `${scheme}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The full websocket URL of a route on a node: base + path + query string. */
export function streamUrl(base: string, path: string, query: string): string {
  return `${base}${path}${query}`;
}

/** The HTTP URL of a REST path on a node: `wss://` becomes `https://`, `ws://` becomes `http://`. */
export function restUrl(base: string, path: string): string {
  return `${base.replace(/^ws/, 'http')}${path}`;
}
