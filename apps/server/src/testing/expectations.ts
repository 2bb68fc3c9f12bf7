import { expect } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { callerError } from './errors.js';

/** Each call is refused as BAD_REQUEST with a field error at the field paired with it. */
export async function expectFieldRefusals(
  cases: readonly (readonly [() => Promise<unknown>, string])[],
): Promise<void> {
  for (const [attempt, field] of cases) {
    const error = await callerError(attempt());
    expect({ field, code: error.code }).toEqual({ field, code: 'BAD_REQUEST' });
    expect(fieldErrorsOf(error.cause)).toHaveProperty(field);
  }
}

/** Every page of a cursor-paged list, from the first (no cursor) on, following nextCursor. */
export async function everyPage<Page extends { nextCursor: string | null }>(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
): Promise<Page[]> {
  const pages = [await fetchPage(undefined)];
  for (let cursor = pages[0]?.nextCursor; cursor; cursor = pages.at(-1)?.nextCursor) {
    pages.push(await fetchPage(cursor));
  }
  return pages;
}
