import { map, type Observable } from 'rxjs';
import type { VegaClient } from '../client/index.js';
import { encodeRest } from '../codecs/runtime/index.js';
import { EVENT_BUS_REQUEST_FIELDS, STREAM_ROUTES as R, type RouteDefinition } from '../endpoints/index.js';
import { retryBackoff } from '../operators/index.js';
import type { ParamKind, ParamSpec } from '../wire/index.js';
import { clientFor, COMMON_HELP, commonFlags, parseFlags, printLines, reportRetry, wantsHelp, type FlagSpec, type FlagValues } from './cli-flags.js';
import { UsageError } from './usage-error.js';

/** One route as the command line sees it: its filters as flags and how to stream it. */
export interface CliRoute {
  /** The client method name, e.g. `marketsDepthUpdates`. */
  readonly name: string;
  /** The path on the data node. */
  readonly path: string;
  /** One line saying what the route sends. */
  readonly summary: string;
  /** The filters, one flag each. */
  readonly params: readonly ParamSpec[];
  /** The route's decoded responses, as JSON-ready values (enums as names when asked). */
  open(client: VegaClient, filters: Readonly<Record<string, unknown>>, enumNames: boolean): Observable<unknown>;
}

function cliRoute<F, R>(route: RouteDefinition<F, R>, summary: string, params: readonly ParamSpec[] = route.params): CliRoute {
  return {
    name: route.name,
    path: route.path,
    summary,
    params,
    // The client checks the filters at run time (BadRequestError), so the cast cannot let bad ones through.
    open: (client, filters, enumNames) =>
      client.stream(route, filters as unknown as F).pipe(map((value) => (enumNames ? encodeRest(route.codec, value) : value))),
  };
}


/** The 15 routes, by client method name. */
export const CLI_ROUTES: readonly CliRoute[] = [
  cliRoute(R.trades, 'trades of each block, at most 50 a frame'),
  cliRoute(R.orders, 'a paged snapshot of live orders, then updates per block'),
  cliRoute(R.positions, 'a paged snapshot of positions, then updates per block'),
  cliRoute(R.accounts, 'a paged snapshot of account balances, then updates per block'),
  cliRoute(R.marketsDepth, 'full books of the watched markets that changed in a block'),
  cliRoute(R.marketsDepthUpdates, 'changed book levels per block, chained by sequence numbers'),
  cliRoute(R.marketsData, 'market data of the watched markets, once per block'),
  cliRoute(R.candleData, 'the current candle, re-sent every second'),
  cliRoute(R.votes, 'votes as they are cast (needs --partyId or --proposalId)'),
  cliRoute(R.marginLevels, 'changed margin levels per block'),
  cliRoute(R.governance, 'proposals as they change'),
  cliRoute(R.eventBus, 'the raw core event bus', EVENT_BUS_REQUEST_FIELDS),
  cliRoute(R.ledgerMovements, 'every ledger movement, one a frame'),
  cliRoute(R.liquidityProvisions, 'changed liquidity provisions per block'),
  cliRoute(R.transactionResults, 'transaction results as transactions are processed'),
];

/** `marketsDepthUpdates` for `markets-depth-updates` (and any case): the route, or undefined. */
export function findRoute(name: string): CliRoute | undefined {
  const camel = name.replace(/-([a-z])/gi, (_, c: string) => c.toUpperCase()).toLowerCase();
  return CLI_ROUTES.find((route) => route.name.toLowerCase() === camel);
}

/** `markets-depth-updates` for `marketsDepthUpdates`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const KINDS: Readonly<Record<Exclude<ParamKind, 'enum'>, string>> = {
  id: 'a Vega id (64 lowercase hex characters)',
  partyId: 'a party id (64 lowercase hex characters, or "network")',
  count: 'a whole number >= 0',
  hash: 'a transaction hash (64 hex characters)',
  bool: 'a flag: true when given',
  candleId: 'a candle id, trades_candle_<interval>_<marketId> (interval e.g. 1_minute)',
};

function describeParam(param: ParamSpec): string {
  const kind = param.kind === 'enum' ? `a ${param.enumType?.name ?? 'enum'} name (e.g. ${exampleEnum(param)}) or number` : KINDS[param.kind];
  const notes = [param.required ? 'required' : '', param.repeated ? 'repeat for several' : ''].filter(Boolean).join(', ');
  return notes ? `${kind}; ${notes}` : kind;
}

function exampleEnum(param: ParamSpec): string {
  const names = Object.keys(param.enumType?.values ?? {}).filter((k) => typeof param.enumType?.values[k] === 'number');
  return names[1] ?? names[0] ?? '?';
}

/** `vega-streams <route> --help`. */
export function routeHelp(route: CliRoute): string {
  const flag = (param: ParamSpec): string => `--${param.name} ${param.kind === 'bool' ? '' : `<${param.kind}>`}`.trimEnd();
  const filters = route.params.length
    ? route.params.map((p) => `  ${flag(p).padEnd(24)}${describeParam(p)}`).join('\n')
    : '  (none)';
  return `Usage: vega-streams ${route.name} [filters] [options]     (or ${kebab(route.name)})

Streams ${route.path}: ${route.summary}.
Prints one decoded response per line as JSON (NDJSON); reconnects with backoff unless --no-reconnect.

Filters (kebab-case works too, e.g. --${kebab(route.params[0]?.name ?? 'market-ids')}):
${filters}

Options:
  --enum-names            write enums as names (and every field, defaults included) instead of numbers
${COMMON_HELP}`;
}

/** The flags of a route's filters, camelCase and kebab-case, with the filter each stands for. */
function filterFlags(route: CliRoute): Map<string, { param: ParamSpec; spec: FlagSpec }> {
  const flags = new Map<string, { param: ParamSpec; spec: FlagSpec }>();
  for (const param of route.params) {
    const spec: FlagSpec = param.kind === 'bool' ? { type: 'boolean' } : { type: 'string', ...(param.repeated && { multiple: true }) };
    flags.set(param.name, { param, spec });
    flags.set(kebab(param.name), { param, spec });
  }
  return flags;
}

/** The filters object from the parsed flags (counts as numbers; the client checks the rest). */
function filtersFrom(route: CliRoute, values: FlagValues): Record<string, unknown> {
  const filters: Record<string, unknown> = {};
  for (const [flag, { param }] of filterFlags(route)) {
    const value = values[flag];
    if (value === undefined) continue;
    const previous = filters[param.name];
    if (param.repeated) {
      filters[param.name] = [...(Array.isArray(previous) ? previous : []), ...(Array.isArray(value) ? value : [value])];
    } else if (param.kind === 'count' && typeof value === 'string' && /^\d+$/.test(value)) {
      filters[param.name] = Number(value);
    } else {
      filters[param.name] = value;
    }
  }
  return filters;
}

/**
 * `vega-streams <route> [filters] [options]`: stream a route as NDJSON until --count, --duration,
 * SIGINT or SIGTERM (exit 0). Bad flags are a UsageError; bad filters a BadRequestError.
 */
export async function runStream(route: CliRoute, args: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  if (wantsHelp(args)) {
    out(routeHelp(route));
    return 0;
  }
  const flags = filterFlags(route);
  const extra: Record<string, FlagSpec> = { 'enum-names': { type: 'boolean' } };
  for (const [name, { spec }] of flags) extra[name] = spec;
  const names = route.params.map((p) => `--${p.name}`).join(', ') || 'none';
  const { values, positionals } = parseFlags(args, extra, `Filters of ${route.name}: ${names}. See vega-streams ${route.name} --help`);
  if (positionals.length) {
    throw new UsageError(`unexpected argument "${positionals[0]}": filters are flags (${names}). See vega-streams ${route.name} --help`);
  }
  const common = commonFlags(values);
  const client = clientFor(common.nodes);
  const stream = route.open(client, filtersFrom(route, values), values['enum-names'] === true);
  const lines = (common.reconnect ? stream.pipe(retryBackoff({ nodes: client, status: reportRetry(common.nodes.length > 1) })) : stream).pipe(
    map((value) => JSON.stringify(value)),
  );
  return printLines(lines, common);
}

