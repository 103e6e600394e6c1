// Where a SQLite connection's main database lives, so another thread can open the same file.
import { type Kysely, sql } from 'kysely';

/** The file behind a SQLite connection's main database, or null (in-memory, or not SQLite). */
export async function sqliteFilePath(db: Kysely<any>): Promise<string | null> {
  try {
    const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
    return rows[0]?.file ? rows[0].file : null;
  } catch {
    return null;
  }
}
