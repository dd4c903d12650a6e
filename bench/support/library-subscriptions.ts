// The memory benchmark's subject: subscriptions through the vega-streams client.
import type { Observable, Subscription } from 'rxjs';
import { pathToFileURL } from 'node:url';
import type { VegaClient, createClient as CreateClient } from '../../lib/client/index.js';
import type { OpenedSubscriptions, SubscriptionEvents } from './opened-subscriptions.js';
import type { PlannedSubscription } from './subscription-plan.js';

/**
 * The client factory, from the built package when `VEGA_STREAMS_BUILD` names an esbuild.mjs
 * output directory (so that the figures are those of what ships: tsx's own transform of lib/
 * wraps every closure for keepNames), else from lib/.
 */
export async function loadCreateClient(): Promise<typeof CreateClient> {
  const build = process.env['VEGA_STREAMS_BUILD'];
  const entry = build ? pathToFileURL(`${build}/esm/index.js`).href : '../../lib/client/index.js';
  return ((await import(entry)) as { createClient: typeof CreateClient }).createClient;
}

/** Subscribe to every planned route through one client with default options. */
export function openLibrarySubscriptions(
  createClient: typeof CreateClient,
  node: string,
  plan: readonly PlannedSubscription[],
  events: SubscriptionEvents,
): OpenedSubscriptions {
  const client = createClient({ nodes: [node] });
  const subscriptions: Subscription[] = plan.map((planned, index) =>
    observe(client, planned).subscribe({ next: () => events.frame(index), error: (error: unknown) => events.error(index, error) }),
  );
  return {
    close: async () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}

function observe(client: VegaClient, planned: PlannedSubscription): Observable<unknown> {
  const filters = { marketIds: planned.marketIds };
  switch (planned.route) {
    case 'trades':
      return client.trades(filters);
    case 'marketsDepthUpdates':
      return client.marketsDepthUpdates(filters);
    case 'marketsData':
      return client.marketsData(filters);
  }
}
