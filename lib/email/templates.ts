// Email content. Every template renders a plain-text and an HTML part; the HTML
// is a single 560px-max column with inline styles so narrow mail clients cope.
import { z } from "zod";

export const templatePayloads = {
  "magic-link": z.object({ url: z.string(), expiresAt: z.string() }),
  "video-shared": z.object({
    url: z.string(),
    studentName: z.string().nullish(),
    trainerName: z.string().nullish(),
    trainerEmail: z.string(),
    videoTitle: z.string(),
    sessionDate: z.string(),
    notes: z.string().default(""),
    expiresAt: z.string(),
  }),
};

export type TemplateName = keyof typeof templatePayloads;
export type TemplatePayload<T extends TemplateName> = z.input<(typeof templatePayloads)[T]>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One header-safe line: control characters (CR/LF above all) and line/paragraph separators become spaces; bidi overrides go. */
export const headerText = (s: string) =>
  s
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a header
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();

const fmtDate = (iso: string) =>
  new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

function layout(title: string, bodyHtml: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px">
<tr><td style="padding:24px 20px;font-size:16px;line-height:1.5">
<p style="margin:0 0 16px;font-weight:700;color:#ea580c;font-size:18px">ApexShare</p>
${bodyHtml}
</td></tr></table></td></tr></table></body></html>`;
}

const button = (url: string, label: string) =>
  `<p style="margin:24px 0"><a href="${esc(url)}" style="display:inline-block;background:#ea580c;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px">${esc(label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all">Or paste this link into your browser:<br>${esc(url)}</p>`;

export function renderEmail(template: string, rawPayload: unknown): RenderedEmail {
  switch (template) {
    case "magic-link": {
      const p = templatePayloads["magic-link"].parse(rawPayload);
      const text = `Sign in to ApexShare\n\nOpen this link to sign in:\n${p.url}\n\nThe link works once and expires at ${new Date(p.expiresAt).toUTCString()}.\nIf you did not ask for it, you can ignore this email.\n`;
      const html = layout(
        "Sign in to ApexShare",
        `<h1 style="font-size:20px;margin:0 0 12px">Sign in to ApexShare</h1>
<p style="margin:0">Tap the button to sign in. The link works once and expires at ${esc(new Date(p.expiresAt).toUTCString())}.</p>
${button(p.url, "Sign in")}
<p style="margin:0;font-size:13px;color:#52525b">If you did not ask for this, you can ignore this email.</p>`,
      );
      return { subject: "Your ApexShare sign-in link", text, html };
    }
    case "video-shared": {
      const p = templatePayloads["video-shared"].parse(rawPayload);
      const trainer = p.trainerName || p.trainerEmail;
      const greeting = p.studentName ? `Hi ${p.studentName},` : "Hi,";
      const when = fmtDate(p.sessionDate);
      const expires = fmtDate(p.expiresAt);
      const text = [
        greeting,
        "",
        `${trainer} shared the video of your riding session on ${when}: "${p.videoTitle}".`,
        ...(p.notes ? ["", "Notes from your trainer:", p.notes] : []),
        "",
        `Watch or download it here (your personal link, available until ${expires}):`,
        p.url,
        "",
        `Questions? Reply to this email to reach ${trainer} (${p.trainerEmail}).`,
        "",
      ].join("\n");
      const html = layout(
        `Your riding session video`,
        `<p style="margin:0 0 12px">${esc(greeting)}</p>
<p style="margin:0 0 12px">${esc(trainer)} shared the video of your riding session on <strong>${esc(when)}</strong>:</p>
<p style="margin:0 0 12px;font-size:18px;font-weight:600">${esc(p.videoTitle)}</p>
${p.notes ? `<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c;white-space:pre-wrap">${esc(p.notes)}</div>` : ""}
${button(p.url, "Watch your session")}
<p style="margin:0 0 8px;font-size:14px">Your personal link is available until <strong>${esc(expires)}</strong>.</p>
<p style="margin:0;font-size:14px;color:#52525b">Questions? Reply to this email to reach ${esc(trainer)} (${esc(p.trainerEmail)}).</p>`,
      );
      return { subject: headerText(`${trainer} shared your riding session video: ${p.videoTitle}`), text, html, replyTo: p.trainerEmail };
    }
    default:
      throw new Error(`Unknown email template ${template}`);
  }
}
