// The transactional outbox: emails are rows written in the same transaction as
// the change that causes them, then delivered by drainOutbox with retries.
// Delivery is claimed with a lease (FOR UPDATE SKIP LOCKED), so concurrent
// drainers never pick the same message; a message that keeps failing ends as
// `failed` with its last error, visible to the trainer — never silently dropped.
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { emailOutbox, emailSuppressions, type OutboxMessage } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { seal, unseal } from "./seal";
import { renderEmail, type TemplateName, type TemplatePayload } from "./templates";
import type { EmailTransport } from "./transports";

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function enqueueEmail<T extends TemplateName>(
  db: Database | Tx,
  input: { recipient: string; template: T; payload: TemplatePayload<T>; shareId?: string; secret: string; notBefore?: Date },
): Promise<OutboxMessage> {
  const { url, ...rest } = input.payload as { url: string } & Record<string, unknown>;
  const [row] = await db
    .insert(emailOutbox)
    .values({
      recipient: input.recipient,
      template: input.template,
      payload: { ...rest, sealedUrl: seal(url, input.secret) },
      shareId: input.shareId,
      // The app's clock, like drainOutbox's `now` (the DB's now() can be a few µs ahead).
      nextAttemptAt: input.notBefore ?? new Date(),
    })
    .returning();
  return row;
}

/**
 * An email to a trainer that carries no secret: its link is made when it is sent, from APP_URL and
 * `payload.path`, so the functions that queue one need neither AUTH_SECRET nor APP_URL.
 */
export async function enqueueNotice<T extends "trainer-digest" | "student-bounced">(
  db: Database | Tx,
  input: { recipient: string; template: T; payload: Omit<TemplatePayload<T>, "url"> & { path: string } },
): Promise<OutboxMessage> {
  const [row] = await db
    .insert(emailOutbox)
    .values({ recipient: input.recipient, template: input.template, payload: input.payload, nextAttemptAt: new Date() })
    .returning();
  return row;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends what is due with `transport`, from the configured sender; `limit` messages per call. */
export async function drainOutbox(
  ctx: Pick<AppContext, "db" | "config" | "now">,
  transport: EmailTransport,
  limit = 25,
): Promise<DrainResult> {
  const { db } = ctx;
  const { from } = ctx.config.email;
  const secret = ctx.config.authSecret;
  const now = ctx.now();
  const result: DrainResult = { sent: 0, retried: 0, failed: 0 };

  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now)),
        // A sender that died mid-send: its lease ran out, try again.
        and(eq(emailOutbox.status, "sending"), lt(emailOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });

  const claimed = await db
    .update(emailOutbox)
    .set({
      status: "sending",
      lockedUntil: new Date(now.getTime() + LEASE_MS),
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning();

  for (const msg of claimed) {
    const [suppressed] = await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, msg.recipient));
    if (suppressed) {
      await finish(db, msg.id, {
        status: "failed",
        lastError: `not sent: address ${suppressed.reason === "bounce" ? "bounced" : "complained"} earlier`,
      });
      result.failed++;
      continue;
    }
    try {
      const { sealedUrl, ...rest } = msg.payload as { sealedUrl?: string } & Record<string, unknown>;
      const url = sealedUrl
        ? unseal(sealedUrl, secret)
        : typeof rest.path === "string"
          ? `${ctx.config.appUrl.replace(/\/$/, "")}${rest.path}`
          : null;
      if (!url) throw new Error("message has no link (already sent or erased)");
      const rendered = renderEmail(msg.template, { ...rest, url });
      const { messageId } = await transport.send({
        outboxId: msg.id,
        to: msg.recipient,
        from,
        replyTo: rendered.replyTo,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      // Erase the live link: the outbox keeps what was sent, not a working token.
      await finish(db, msg.id, {
        status: "sent",
        providerMessageId: messageId,
        sentAt: new Date(),
        lastError: null,
        payload: rest,
      });
      result.sent++;
    } catch (err) {
      const lastError = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err).slice(0, 500);
      if (msg.attempts >= MAX_ATTEMPTS) {
        await finish(db, msg.id, { status: "failed", lastError });
        result.failed++;
      } else {
        await finish(db, msg.id, { status: "queued", lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(msg.attempts)) });
        result.retried++;
      }
    }
  }
  return result;
}

async function finish(db: Database, id: string, set: Partial<typeof emailOutbox.$inferInsert>) {
  await db
    .update(emailOutbox)
    .set({ ...set, lockedUntil: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "sending")));
}
