import "server-only";
// Where emails go: Amazon SES (the real SDK; the only SESv2 import in the app)
// or, outside production, the dev mailbox table shown at /dev/mailbox.
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Database } from "@/db/client";
import { devMailbox } from "@/db/schema";
import type { Config } from "@/lib/config";

export interface OutgoingEmail {
  outboxId: string;
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailTransport {
  name: string;
  send(message: OutgoingEmail): Promise<{ messageId: string }>;
}

export function sesTransport(email: Config["email"]): EmailTransport {
  // maxAttempts 1: the outbox owns retries (with backoff that survives restarts).
  const client = new SESv2Client({ region: email.region, maxAttempts: 1, ...(email.sesEndpoint ? { endpoint: email.sesEndpoint } : {}) });
  return {
    name: "ses",
    async send(m) {
      const out = await client.send(
        new SendEmailCommand({
          FromEmailAddress: m.from,
          Destination: { ToAddresses: [m.to] },
          ReplyToAddresses: m.replyTo ? [m.replyTo] : undefined,
          ConfigurationSetName: email.configurationSet,
          Content: {
            Simple: {
              Subject: { Data: m.subject, Charset: "UTF-8" },
              Body: { Text: { Data: m.text, Charset: "UTF-8" }, Html: { Data: m.html, Charset: "UTF-8" } },
            },
          },
        }),
      );
      if (!out.MessageId) throw new Error("SES accepted the message but returned no MessageId");
      return { messageId: out.MessageId };
    },
  };
}

export function mailboxTransport(db: Database): EmailTransport {
  return {
    name: "mailbox",
    async send(m) {
      // outbox_id is unique: a retried delivery of the same message cannot land twice.
      const [row] = await db
        .insert(devMailbox)
        .values({ outboxId: m.outboxId, to: m.to, from: m.from, replyTo: m.replyTo, subject: m.subject, text: m.text, html: m.html })
        .onConflictDoUpdate({ target: devMailbox.outboxId, set: { subject: m.subject } })
        .returning({ id: devMailbox.id });
      return { messageId: `mailbox-${row.id}` };
    },
  };
}
