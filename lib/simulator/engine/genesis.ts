import { AccountType, BusEventType, TransferType } from '../../codecs/index.js';
import { LedgerBatch, NO_MARKET, type Collateral, type SimAccount } from './collateral.js';
import type { EmitContext } from './event-writer.js';
import { assetToProto, depositToProto, marketToProto } from './genesis-protos.js';
import type { IdSource } from './ids.js';
import type { AssetConfig } from './market-config.js';
import type { MarketEngine } from './market.js';

/** What the genesis block sets up. */
export interface GenesisInput {
  /** Settlement assets. */
  readonly assets: readonly AssetConfig[];
  /** Markets. */
  readonly markets: readonly MarketEngine[];
  /** Party ids. */
  readonly parties: readonly string[];
  /** The collateral accounts. */
  readonly collateral: Collateral;
  /** Id source (deposit ids and transaction hashes). */
  readonly ids: IdSource;
  /** Filled with each party's general account per asset, keyed party id + asset id. */
  readonly generals: Map<string, SimAccount>;
}

/**
 * Block 1: ASSET events, MARKET_CREATED events with the markets' network accounts, PARTY
 * events, then for each party and asset a deposit transaction (DEPOSIT event, the general
 * account's creation, the transfer from the external account as ACCOUNT + LEDGER_MOVEMENTS).
 */
export function emitGenesis(block: EmitContext, g: GenesisInput): void {
  const { w } = block;
  for (const a of g.assets) w.emit(block.tx, BusEventType.BUS_EVENT_TYPE_ASSET, 'asset', assetToProto(a));
  for (const m of g.markets) {
    w.emit(block.tx, BusEventType.BUS_EVENT_TYPE_MARKET_CREATED, 'marketCreated', marketToProto(m.cfg, w.timeText));
    m.openAccounts(block);
  }
  for (const party of g.parties) {
    w.emit(block.tx, BusEventType.BUS_EVENT_TYPE_PARTY, 'party', { id: party, alias: '', metadata: [] });
  }
  for (const party of g.parties) {
    for (const a of g.assets) {
      const txHash = g.ids.next();
      const ctx: EmitContext = { w, tx: txHash.toUpperCase() };
      w.emit(ctx.tx, BusEventType.BUS_EVENT_TYPE_DEPOSIT, 'deposit', depositToProto(g.ids.next(), party, a, txHash, w.timeText));
      const general = g.collateral.open(ctx, AccountType.ACCOUNT_TYPE_GENERAL, a.id, party, NO_MARKET);
      g.generals.set(party + a.id, general);
      const batch = new LedgerBatch(ctx);
      batch.move(null, general, a.depositPerParty, TransferType.TRANSFER_TYPE_DEPOSIT);
      batch.flush();
    }
  }
}
