/**
 * Check that a websocket URL is absolute, ws:// or wss://, and has no #fragment. Returns a
 * TypeError saying what was given and what is expected, or undefined when the URL is fine.
 */
export function checkSocketUrl(url: string): TypeError | undefined {
  const expected = 'expected an absolute ws:// or wss:// URL such as wss://api.example.com/api/v2/stream/trades';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new TypeError(`Invalid websocket URL ${JSON.stringify(url)}: ${expected}.`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    const hint =
      parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? ` (use ${parsed.protocol === 'https:' ? 'wss' : 'ws'}:// instead of ${parsed.protocol}//)`
        : '';
    return new TypeError(
      `Invalid websocket URL ${JSON.stringify(url)}: scheme ${parsed.protocol} is not accepted, ${expected}${hint}.`,
    );
  }
  if (parsed.hash !== '') {
    return new TypeError(`Invalid websocket URL ${JSON.stringify(url)}: a websocket URL cannot have a #fragment.`);
  }
  return undefined;
}
