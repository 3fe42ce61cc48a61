import { PGlite } from "@electric-sql/pglite";
const db = new PGlite("/work/main/.e2e-data/pglite");
console.log((await db.query("select \"to\", text from dev_mailbox")).rows.map(r=>r.text.split("\n")[3]));
