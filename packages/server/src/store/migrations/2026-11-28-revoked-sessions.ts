/**
 * Dashboard sessions ended by logging out (a cookie is signed, not stored, so it stays valid
 * until it expires unless the server remembers that it was ended). One row per ended session,
 * kept until the session would have expired anyway. Frozen once published.
 */
import { type Kysely, type Migration, sql } from 'kysely'

export function revokedSessions(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of [
        `create table revoked_sessions (
          sid text primary key,
          expires_at text not null,
          constraint revoked_sessions_sid_length check (length(sid) between 16 and 64)
        )`,
        'create index revoked_sessions_expires_at on revoked_sessions (expires_at)',
      ]) {
        await sql.raw(statement).execute(db)
      }
    },
  }
}
