import type { RouterOutputs } from '../trpc';

export type LevelRequest = RouterOutputs['admin']['requests']['requests'][number];
export type AdminUser = RouterOutputs['admin']['users']['users'][number];
export type AdminPerson = RouterOutputs['admin']['user'];
export type OutboxMessage = RouterOutputs['admin']['mail']['messages'][number];
