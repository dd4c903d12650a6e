import { BusEventType, ProposalState, VoteValue, type Proposal, type ProposalTerms } from '../../codecs/index.js';
import { divCeil, ratioText } from './decimal.js';
import { txFailed, TX_OK, type SubmitProposalCommand, type TxOutcome, type VoteCommand } from './commands.js';
import type { EmitContext } from './event-writer.js';

// Enum members as module constants: hot paths then read a local binding, not an imported one.
const BUS_EVENT_TYPE_NETWORK_PARAMETER = BusEventType.BUS_EVENT_TYPE_NETWORK_PARAMETER;
const BUS_EVENT_TYPE_PROPOSAL = BusEventType.BUS_EVENT_TYPE_PROPOSAL;
const BUS_EVENT_TYPE_VOTE = BusEventType.BUS_EVENT_TYPE_VOTE;
const STATE_DECLINED = ProposalState.STATE_DECLINED;
const STATE_ENACTED = ProposalState.STATE_ENACTED;
const STATE_OPEN = ProposalState.STATE_OPEN;
const STATE_PASSED = ProposalState.STATE_PASSED;
const VALUE_YES = VoteValue.VALUE_YES;

/** Required participation (share of all governance tokens that voted) for a proposal to pass. */
export const REQUIRED_PARTICIPATION = '0.00001';
/** Required majority (share of the votes cast, by tokens, that are yes). */
export const REQUIRED_MAJORITY = '0.66';

/** The terms of a network-parameter proposal submitted at `nowNs` (timestamps in Unix seconds). */
export function proposalTerms(cmd: SubmitProposalCommand, nowNs: bigint, stepNs: bigint): ProposalTerms {
  const closeBlocks = BigInt(cmd.closeAfterBlocks ?? 20);
  const enactBlocks = BigInt(cmd.enactAfterBlocks ?? 5);
  const seconds = (ns: bigint): string => divCeil(ns, 1_000_000_000n).toString();
  // shared by the proposal's events: frozen so no consumer can alter it
  return Object.freeze({
    closingTimestamp: seconds(nowNs + closeBlocks * stepNs),
    enactmentTimestamp: seconds(nowNs + (closeBlocks + enactBlocks) * stepNs),
    validationTimestamp: '0',
    updateNetworkParameter: Object.freeze({ changes: Object.freeze({ key: cmd.key, value: cmd.value }) }),
  });
}

/** The PROPOSAL event payload of a proposal in its current state. */
export function proposalToProto(p: SimProposal): Proposal {
  return {
    id: p.id,
    reference: p.reference,
    partyId: p.partyId,
    state: p.state,
    timestamp: p.timestamp,
    terms: p.terms,
    rationale: { description: `Set ${p.key} to ${p.value}`, title: `Update ${p.key}` },
    requiredParticipation: REQUIRED_PARTICIPATION,
    requiredMajority: REQUIRED_MAJORITY,
  };
}

/** A network-parameter proposal and its votes. */
export interface SimProposal {
  /** 64-hex id. */
  readonly id: string;
  /** Proposer. */
  readonly partyId: string;
  /** Client reference. */
  readonly reference: string;
  /** Parameter key. */
  readonly key: string;
  /** Proposed value. */
  readonly value: string;
  /** Block time of submission (ns text). */
  readonly timestamp: string;
  /** Block height at which voting closes. */
  readonly closeHeight: bigint;
  /** Block height at which a passed proposal is enacted. */
  readonly enactHeight: bigint;
  /** The proposal terms as emitted. */
  readonly terms: ProposalTerms;
  /** OPEN, PASSED, ENACTED or DECLINED. */
  state: ProposalState;
  /** Latest vote per party. */
  readonly votes: Map<string, VoteValue>;
}

/**
 * Governance of network parameters: proposals open for a number of blocks, parties vote with
 * their (fixed, off-chain staked) governance tokens, proposals close PASSED or DECLINED and
 * passed ones are ENACTED later with a NETWORK_PARAMETER event. Every state change emits a
 * PROPOSAL event; every vote a VOTE event.
 */
export class Governance {
  private readonly proposals = new Map<string, SimProposal>();
  /** Proposals not yet final (OPEN or PASSED). */
  private readonly pending = new Set<SimProposal>();
  private readonly totalStake: bigint;
  /** Enacted network parameters. */
  readonly parameters = new Map<string, string>();

  constructor(
    /** Governance tokens per party (VEGA, 18 decimals). */
    private readonly stakes: ReadonlyMap<string, bigint>,
  ) {
    let total = 0n;
    for (const s of stakes.values()) total += s;
    this.totalStake = total;
  }

  /** Proposals still open for votes, oldest first. */
  open(): SimProposal[] {
    return [...this.pending].filter((p) => p.state === STATE_OPEN);
  }

  /** Every proposal so far. */
  all(): IterableIterator<SimProposal> {
    return this.proposals.values();
  }

  private emit(ctx: EmitContext, p: SimProposal): void {
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_PROPOSAL, 'proposal', proposalToProto(p));
  }

  /** Processes a proposal submission at `height`, blocks `stepNs` apart. */
  submit(ctx: EmitContext, id: string, cmd: SubmitProposalCommand, height: bigint, stepNs: bigint): TxOutcome {
    if ((this.stakes.get(cmd.partyId) ?? 0n) === 0n) return txFailed('proposal error: insufficient tokens');
    const closeBlocks = BigInt(cmd.closeAfterBlocks ?? 20);
    const enactBlocks = BigInt(cmd.enactAfterBlocks ?? 5);
    if (closeBlocks < 1n || enactBlocks < 0n) return txFailed('proposal error: close time too soon');
    const p: SimProposal = {
      id,
      partyId: cmd.partyId,
      reference: cmd.reference ?? '',
      key: cmd.key,
      value: cmd.value,
      timestamp: ctx.w.timeText,
      closeHeight: height + closeBlocks,
      enactHeight: height + closeBlocks + enactBlocks,
      terms: proposalTerms(cmd, ctx.w.timeNs, stepNs),
      state: STATE_OPEN,
      votes: new Map(),
    };
    this.proposals.set(id, p);
    this.pending.add(p);
    this.emit(ctx, p);
    return TX_OK;
  }

  /** Processes a vote. */
  vote(ctx: EmitContext, cmd: VoteCommand): TxOutcome {
    const p = this.proposals.get(cmd.proposalId);
    if (p === undefined) return txFailed('proposal does not exist');
    if (p.state !== STATE_OPEN) return txFailed('proposal is not open for votes');
    const stake = this.stakes.get(cmd.partyId) ?? 0n;
    if (stake === 0n) return txFailed('vote error: insufficient tokens');
    p.votes.set(cmd.partyId, cmd.value);
    ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_VOTE, 'vote', {
      partyId: cmd.partyId,
      value: cmd.value,
      proposalId: p.id,
      timestamp: ctx.w.timeText,
      totalGovernanceTokenBalance: stake.toString(),
      totalGovernanceTokenWeight: ratioText(stake, this.totalStake, 16),
      totalEquityLikeShareWeight: '0',
      elsPerMarket: [],
    });
    return TX_OK;
  }

  /** Start of block `height`: closes proposals due (PASSED / DECLINED) and enacts passed ones. */
  tick(ctx: EmitContext, height: bigint): void {
    for (const p of this.pending) {
      if (p.state === STATE_OPEN && height >= p.closeHeight) {
        let yes = 0n;
        let no = 0n;
        for (const [party, v] of p.votes) {
          const s = this.stakes.get(party) ?? 0n;
          if (v === VALUE_YES) yes += s;
          else no += s;
        }
        const cast = yes + no;
        // participation >= 0.00001 and yes share >= 0.66, in exact integers
        const participates = cast * 100000n >= this.totalStake && cast > 0n;
        const majority = yes * 100n >= cast * 66n;
        p.state = participates && majority ? STATE_PASSED : STATE_DECLINED;
        if (p.state === STATE_DECLINED) this.pending.delete(p);
        this.emit(ctx, p);
      }
      if (p.state === STATE_PASSED && height >= p.enactHeight) {
        p.state = STATE_ENACTED;
        this.pending.delete(p);
        this.parameters.set(p.key, p.value);
        this.emit(ctx, p);
        ctx.w.emit(ctx.tx, BUS_EVENT_TYPE_NETWORK_PARAMETER, 'networkParameter', { key: p.key, value: p.value });
      }
    }
  }
}
