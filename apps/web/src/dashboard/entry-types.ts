import type { RouterOutputs } from '../trpc';

export type EntryView = RouterOutputs['entries']['list']['entries'][number];
export type QueuedProposal = RouterOutputs['entries']['proposals']['proposals'][number];
export type MyProposal = RouterOutputs['entries']['myProposals']['proposals'][number];
