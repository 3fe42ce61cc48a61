// Statements on the hottest paths (the session check on every signed-in request, signing upload
// parts, a student's link), built once per database handle and prepared by name. Drizzle then skips
// rebuilding the SQL on every call (a measurable share of a request's CPU: bench/api.mjs --cpu-prof),
// and Postgres parses and plans each once per connection instead of once per request.
/**
 * `statement(db)` gives the statement `build` makes for that handle, made on first use. Keyed by
 * handle, so tests that open their own databases each get their own.
 */
export function preparedStatement<D extends object, T>(build: (db: D) => T): (db: D) => T {
  const byHandle = new WeakMap<D, T>();
  return (db) => {
    let statement = byHandle.get(db);
    if (!statement) {
      statement = build(db);
      byHandle.set(db, statement);
    }
    return statement;
  };
}
