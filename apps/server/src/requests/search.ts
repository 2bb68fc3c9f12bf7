import { sql } from 'kysely';

/** LIKE's wildcards and its escape character, taken literally: a search for `50%` means "50%". */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A person whose name or email contains `q`, whatever its case. ILIKE on the bare columns is what
 * the trigram indexes serve on Postgres (decision 034); on PGlite it reads the table.
 */
export function nameOrEmailContains(alias: string, q: string) {
  const pattern = `%${escapeLike(q)}%`;
  return sql<boolean>`(${sql.ref(`${alias}.name`)} ilike ${pattern} or ${sql.ref(`${alias}.email`)} ilike ${pattern})`;
}
