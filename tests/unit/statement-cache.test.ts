import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { statementCache } from '../../server/sqlite/statement-cache.ts';

const database = new Database(':memory:');
afterAll(() => database.close());

describe('the statement cache', () => {
  it('keeps at most its capacity, dropping the least recently used, and prepares a kept statement only once', () => {
    const prepare = statementCache(database, 3);
    const sql = (n: number) => `SELECT ${n}`;
    const first = prepare(sql(1));
    prepare(sql(2));
    prepare(sql(3));
    expect(prepare(sql(1))).toBe(first);
    for (let n = 4; n < 1000; n += 1) prepare(sql(n));
    expect(prepare.size()).toBe(3);
    expect(prepare(sql(999)).pluck().get()).toBe(999);
    expect(prepare(sql(1))).not.toBe(first);
  });
});
