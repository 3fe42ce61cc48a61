import "server-only";
// The app's entry to email: enqueue inside a transaction, then `deliverOutbox()`
// to send what is due with the configured transport.
import type { AppContext } from "@/lib/context";
import { publishOutboxDue } from "./due";
import { drainOutbox } from "./outbox";
import { mailboxTransport, sesTransport, type EmailTransport } from "./transports";

export { enqueueEmail } from "./outbox";

let ses: EmailTransport | undefined;

function transportFor(ctx: AppContext): EmailTransport {
  if (ctx.config.email.transport === "ses") return (ses ??= sesTransport(ctx.config.email));
  return mailboxTransport(ctx.db);
}

/**
 * Send whatever is due now. Failures stay queued for the next run (sweep or next request);
 * when that is, is published for the sweep (./due).
 */
export async function deliverOutbox(ctx: AppContext) {
  const result = await drainOutbox(ctx, transportFor(ctx));
  // Only a deployment has a scheduled sweep that reads it; locally the media worker delivers.
  const nextDue = ctx.config.isProduction ? await publishOutboxDue(ctx) : null;
  return { ...result, nextDue: nextDue?.toISOString() ?? null };
}
