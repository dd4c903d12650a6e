import { GovernanceDataType, VoteValue } from '../../codecs/index.js';
import type { GovernanceData, Proposal, Vote } from '../../codecs/index.js';

/**
 * Proposals and votes, as the governance and votes routes see them: a PROPOSAL event publishes
 * the proposal with the current votes on it (`proposalToGovernanceData`: the latest vote of each
 * party, split into yes and no); a VOTE event publishes the vote.
 */
export class GovernanceStore {
  private readonly proposals = new Map<string, Proposal>();
  /** proposal id -> party id -> the party's latest vote. */
  private readonly votes = new Map<string, Map<string, Vote>>();

  /** A PROPOSAL event; returns what the governance route publishes for it. */
  onProposal(proposal: Proposal): GovernanceData {
    this.proposals.set(proposal.id, proposal);
    return this.governanceData(proposal);
  }

  /** A VOTE event; returns what the votes route publishes for it (the vote itself). */
  onVote(vote: Vote): Vote {
    let byParty = this.votes.get(vote.proposalId);
    if (!byParty) {
      byParty = new Map();
      this.votes.set(vote.proposalId, byParty);
    }
    byParty.delete(vote.partyId);
    byParty.set(vote.partyId, vote);
    return vote;
  }

  /** Every proposal with its votes, in order of submission (optionally one party's proposals). */
  list(partyId?: string): GovernanceData[] {
    return [...this.proposals.values()]
      .filter((p) => partyId === undefined || p.partyId === partyId)
      .map((p) => this.governanceData(p));
  }

  /** One proposal with its votes. */
  get(proposalId: string): GovernanceData | undefined {
    const proposal = this.proposals.get(proposalId);
    return proposal ? this.governanceData(proposal) : undefined;
  }

  /** The latest votes on a proposal (one per party). */
  votesOn(proposalId: string): Vote[] {
    return [...(this.votes.get(proposalId)?.values() ?? [])];
  }

  private governanceData(proposal: Proposal): GovernanceData {
    const votes = this.votesOn(proposal.id);
    return {
      proposal,
      yes: votes.filter((v) => v.value === VoteValue.VALUE_YES),
      no: votes.filter((v) => v.value === VoteValue.VALUE_NO),
      yesParty: {},
      noParty: {},
      proposalType: GovernanceDataType.TYPE_SINGLE_OR_UNSPECIFIED,
      proposals: [],
    };
  }
}
