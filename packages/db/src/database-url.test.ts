import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, describeDatabaseUrl, parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads postgres:// and postgresql:// as Postgres', () => {
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db').dialect).toBe('postgres');
  });

  it('defaults to PGlite in ./.data/pglite under the working directory when unset or blank', () => {
    const expected = { dialect: 'pglite', dataDir: path.resolve('/srv/app', '.data/pglite') };
    expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual(expected);
    expect(parseDatabaseUrl('  ', '/srv/app')).toEqual(expected);
  });

  it('reads pglite:<dir> relative to the working directory, and pglite:memory: as in-memory', () => {
    expect(parseDatabaseUrl('pglite:./db', '/srv/app')).toEqual({
      dialect: 'pglite',
      dataDir: '/srv/app/db',
    });
    expect(parseDatabaseUrl('pglite:/var/lib/rolegate')).toEqual({
      dialect: 'pglite',
      dataDir: '/var/lib/rolegate',
    });
    expect(parseDatabaseUrl('pglite:memory:')).toEqual({ dialect: 'pglite', dataDir: undefined });
  });

  it('rejects an unknown scheme naming DATABASE_URL and the accepted forms', () => {
    const attempt = () => parseDatabaseUrl('mysql://root@localhost/app');
    expect(attempt).toThrow(DatabaseUrlError);
    expect(attempt).toThrow(/DATABASE_URL.*"mysql:".*postgres:\/\/.*pglite:<dir>/);
  });

  it('rejects pglite: without a directory', () => {
    expect(() => parseDatabaseUrl('pglite:')).toThrow(/DATABASE_URL.*pglite:memory:/);
  });
});

describe('describeDatabaseUrl', () => {
  it('masks the password of a Postgres URL', () => {
    const described = describeDatabaseUrl('postgres://app:s3cr3t@db.internal:5432/rolegate');
    expect(described).toEqual({
      dialect: 'postgres',
      display: 'postgres://app:****@db.internal:5432/rolegate',
    });
  });

  it('masks a password given in the query string', () => {
    const { display } = describeDatabaseUrl('postgres://app@db/rolegate?password=s3cr3t&ssl=true');
    expect(display).not.toContain('s3cr3t');
    expect(display).toContain('ssl=true');
  });

  it('leaves a URL without a password as it is', () => {
    expect(describeDatabaseUrl('postgres://postgres@127.0.0.1:5432/postgres').display).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });

  it('shows PGlite as its directory or memory', () => {
    expect(describeDatabaseUrl('pglite:memory:')).toEqual({
      dialect: 'pglite',
      display: 'pglite:memory:',
    });
    expect(describeDatabaseUrl('pglite:/var/lib/rolegate').display).toBe(
      'pglite:/var/lib/rolegate',
    );
  });
});
