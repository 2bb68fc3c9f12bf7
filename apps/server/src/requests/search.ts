import { sql } from 'kysely';

/** LIKE's wildcards and its escape character, taken literally: a search for `50%` means "50%". */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A person whose name or email contains `q`, whatever its case. The expression is the one the
 * trigram index `users_search_trgm_idx` is built on (decision 034), so Postgres reads the index; on
 * PGlite, which has no pg_trgm, it reads the table. Names and emails hold no line break, so a
 * search never matches across the two.
 */
export function nameOrEmailContains(alias: string, q: string) {
  const pattern = `%${escapeLike(q)}%`;
  return sql<boolean>`(${sql.ref(`${alias}.name`)} || E'\\n' || ${sql.ref(`${alias}.email`)}) ilike ${pattern}`;
}
