import type { ParamSpec } from '../../wire/index.js';

/** A query parameter value as the gateway parsed it into the request message. */
export type GatewayValue = string | boolean | number | readonly string[] | readonly number[];

/** The request message's fields, by JSON (camelCase) name, as the gateway filled them in. */
export type GatewayRequest = Readonly<Record<string, GatewayValue>>;

/** A query the gateway refuses: the message is the exact text of the real gateway's bare error. */
export class GatewayQueryError extends Error {}

const BOOL_VALUES: Readonly<Record<string, boolean>> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

/** `marketIds` -> `market_ids`: the proto name of a request field. */
export function protoName(jsonName: string): string {
  return jsonName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Parse a query string into a route's request fields the way grpc-gateway v2.9 does for the
 * data node: keys match the proto name or the JSON name (`market_ids` or `marketIds`; a trailing
 * `[]` is dropped, so `key[]=` adds an empty element); repeated fields take repeated keys (commas
 * are not split); enums take the value name or number; bools take Go's `strconv.ParseBool`
 * forms; unknown keys and nested paths are ignored; an empty value sets a string field to "".
 * Refused values throw a {@link GatewayQueryError} with the gateway's exact text, e.g.
 * `parsing field "type": "FOO" is not a valid value` or `too many values for field "party_id": a, b`.
 */
export function parseGatewayQuery(query: string, fields: readonly ParamSpec[]): GatewayRequest {
  const byKey = new Map<string, ParamSpec>();
  for (const field of fields) {
    byKey.set(field.name, field);
    byKey.set(protoName(field.name), field);
  }
  const values = new Map<ParamSpec, string[]>();
  for (const [rawKey, value] of new URLSearchParams(query)) {
    const field = byKey.get(rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey);
    if (!field) continue;
    const list = values.get(field) ?? [];
    list.push(value);
    values.set(field, list);
  }
  const request: Record<string, GatewayValue> = {};
  for (const [field, list] of values) {
    const name = protoName(field.name);
    if (!field.repeated && list.length > 1) {
      throw new GatewayQueryError(`too many values for field "${name}": ${list.join(', ')}`);
    }
    const parsed = list.map((value) => parseValue(field, name, value));
    request[field.name] = field.repeated ? (parsed as string[] | number[]) : (parsed[0] as GatewayValue);
  }
  return request;
}

function parseValue(field: ParamSpec, name: string, value: string): string | boolean | number {
  if (field.kind === 'bool') {
    const parsed = BOOL_VALUES[value];
    if (parsed === undefined) throw new GatewayQueryError(`parsing field "${name}": strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
    return parsed;
  }
  if (field.kind === 'enum') {
    const values = field.enumType?.values ?? {};
    const byName = values[value];
    if (typeof byName === 'number') return byName;
    if (/^[-+]?\d+$/.test(value) && typeof values[Number(value)] === 'string') return Number(value);
    throw new GatewayQueryError(`parsing field "${name}": ${JSON.stringify(value)} is not a valid value`);
  }
  return value;
}
