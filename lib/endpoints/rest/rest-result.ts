import { DataNodeError, ProtocolError, quoteFrame } from '../../errors/index.js';
import { parseEnvelope } from '../../wire/index.js';
import type { HttpResponse } from '../http-get.js';

/** gRPC UNAVAILABLE: what a gateway or proxy failure without a status body amounts to. */
const UNAVAILABLE = 14;

/**
 * The JSON body of a successful REST response. A failure is thrown as the typed error its
 * body describes: the gateway's status object becomes a DataNodeError; a 5xx without one (a
 * proxy page) is a retryable UNAVAILABLE DataNodeError; anything else is a ProtocolError.
 */
export function restResult(response: HttpResponse, url: string): unknown {
  if (response.status === 200) {
    try {
      return JSON.parse(response.body) as unknown;
    } catch (cause) {
      throw new ProtocolError(url, `HTTP 200 with a body that is not JSON (${(cause as Error).message})`, quoteFrame(response.body));
    }
  }
  try {
    parseEnvelope(response.body, url);
  } catch (error) {
    if (error instanceof DataNodeError) throw error;
  }
  if (response.status >= 500) {
    throw new DataNodeError(url, UNAVAILABLE, `HTTP ${response.status} without a gRPC status body`, undefined, 'bare');
  }
  throw new ProtocolError(url, `HTTP ${response.status} without a gRPC status body`, quoteFrame(response.body));
}
