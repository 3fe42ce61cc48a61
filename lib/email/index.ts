import "server-only";
// The app's entry to email: enqueue inside a transaction, then `deliverOutbox()`
// to send what is due with the configured transport.
import type { AppContext } from "@/lib/context";
import { drainOutbox } from "./outbox";
import { mailboxTransport, sesTransport, type EmailTransport } from "./transports";

export { enqueueEmail } from "./outbox";

let ses: EmailTransport | undefined;

function transportFor(ctx: AppContext): EmailTransport {
  if (ctx.config.email.transport === "ses") return (ses ??= sesTransport(ctx.config.email));
  return mailboxTransport(ctx.db);
}

/** Send whatever is due now. Failures stay queued for the next run (sweep or next request). */
export async function deliverOutbox(ctx: AppContext) {
  return drainOutbox(ctx, transportFor(ctx));
}
