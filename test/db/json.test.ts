import { type Kysely, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { jsonTextMember } from '../../src/db/json.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('jsonTextMember', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('reads a top-level string member of JSON stored as text, null when absent or null, and groups by it', async () => {
    database = await createTestDatabase(dialect);
    // A scratch table outside the app's schema.
    const db = database.handle.db as unknown as Kysely<{ json_probe: { id: number; doc: string } }>;
    await db.schema.createTable('json_probe').addColumn('id', 'integer').addColumn('doc', 'text').execute();
    const docs = [
      JSON.stringify({ reason: 'token_stale', result: 'expired' }),
      JSON.stringify({ result: 'expired', reason: 'token_stale', nested: { reason: 'other' } }),
      JSON.stringify({ reason: 'it\'s "quoted" — ünïcode' }),
      JSON.stringify({ reason: null }),
      JSON.stringify({ nested: { reason: 'deep' } }),
    ];
    await db
      .insertInto('json_probe')
      .values(docs.map((doc, id) => ({ id, doc })))
      .execute();

    const each = await db
      .selectFrom('json_probe')
      .select((eb) => ['id', jsonTextMember(db, eb.ref('doc'), 'reason').as('reason')])
      .orderBy('id')
      .execute();
    expect(each.map((r) => r.reason)).toEqual(['token_stale', 'token_stale', 'it\'s "quoted" — ünïcode', null, null]);

    // Selected and grouped by in one statement: the expression must read the same in both places.
    const grouped = await db
      .selectFrom('json_probe')
      .select((eb) => [jsonTextMember(db, eb.ref('doc'), 'reason').as('reason'), eb.fn.countAll().as('n')])
      .groupBy('reason')
      .execute();
    const counts = Object.fromEntries(grouped.map((r) => [String(r.reason), Number(r.n)]));
    expect(counts).toEqual({ token_stale: 2, 'it\'s "quoted" — ünïcode': 1, null: 2 });
    const byExpression = await db
      .selectFrom('json_probe')
      .select((eb) => [jsonTextMember(db, eb.ref('doc'), 'reason').as('reason'), eb.fn.countAll().as('n')])
      .groupBy((eb) => jsonTextMember(db, eb.ref('doc'), 'reason'))
      .execute();
    expect(Object.fromEntries(byExpression.map((r) => [String(r.reason), Number(r.n)]))).toEqual(counts);

    // A bound value works as well as a column.
    const literal = await sql<{ v: string }>`select ${jsonTextMember(db, sql.val('{"k":"v"}'), 'k')} as v`.execute(db);
    expect(literal.rows[0]!.v).toBe('v');
  });

  it('refuses a member name it would have to quote', () => {
    const db = {} as never;
    for (const key of ["a'b", 'a.b', '$', '', 'Reason']) expect(() => jsonTextMember(db, sql.val('{}'), key), key).toThrow(/plain member name/);
  });
});
