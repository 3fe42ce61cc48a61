import "server-only";
// The app's entry to email: enqueue inside a transaction, then `deliverOutbox()`
// to send what is due with the configured transport.
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { drainOutbox } from "./outbox";
import { mailboxTransport, sesTransport, type EmailTransport } from "./transports";

export { enqueueEmail, drainOutbox, MAX_ATTEMPTS } from "./outbox";

let ses: EmailTransport | undefined;

export async function getTransport(): Promise<EmailTransport> {
  const config = getConfig();
  if (config.email.transport === "ses") return (ses ??= sesTransport(config.email));
  return mailboxTransport(await getDb());
}

/** Send whatever is due now. Failures stay queued for the next run (sweep or next request). */
export async function deliverOutbox() {
  const config = getConfig();
  return drainOutbox({ db: await getDb(), transport: await getTransport(), from: config.email.from, secret: config.authSecret });
}
