// Email content. Every template renders a plain-text and an HTML part; the HTML
// is a single 560px-max column with inline styles so narrow mail clients cope.
import { z } from "zod";

/** What every email to a student about a session carries. */
const sharedFields = {
  url: z.string(),
  studentName: z.string().nullish(),
  trainerName: z.string().nullish(),
  trainerEmail: z.string(),
  sessionDate: z.string(),
  notes: z.string().default(""),
  expiresAt: z.string(),
};

export const templatePayloads = {
  "magic-link": z.object({ url: z.string(), expiresAt: z.string() }),
  // One email per video (before riding sessions); kept so emails queued then still render.
  "video-shared": z.object({ ...sharedFields, videoTitle: z.string() }),
  // One email per student per upload action: the session and its videos.
  "session-shared": z.object({
    ...sharedFields,
    kind: z.enum(["session", "new-videos"]),
    sessionTitle: z.string(),
    videos: z.array(z.object({ id: z.string(), title: z.string() })).min(1),
  }),
  // The trainer's daily digest: who watched or downloaded what, and whose email bounced.
  "trainer-digest": z.object({
    url: z.string(),
    trainerName: z.string().nullish(),
    day: z.string(),
    activity: z.array(z.object({ student: z.string(), session: z.string(), video: z.string().nullish(), did: z.array(z.string()) })),
    bounced: z.array(z.string()),
  }),
  // At once, when an email to a student bounced.
  "student-bounced": z.object({
    url: z.string(),
    trainerName: z.string().nullish(),
    studentEmail: z.string(),
    sessions: z.array(z.string()),
  }),
  // Coaching (lib/coaching): one batched "new feedback" email per student and video, the trainer's question digest, an answer.
  "coaching-feedback": z.object({
    url: z.string(),
    videoId: z.string(),
    videoTitle: z.string(),
    trainerName: z.string().nullish(),
    trainerEmail: z.string(),
    sessionDate: z.string(),
    noteCount: z.number().int().min(1),
  }),
  "coaching-questions": z.object({
    url: z.string(),
    questions: z.array(z.object({ videoTitle: z.string(), studentEmail: z.string(), at: z.string(), text: z.string() })).min(1),
  }),
  "coaching-answer": z.object({
    url: z.string(),
    trainerName: z.string().nullish(),
    trainerEmail: z.string(),
    videoTitle: z.string(),
    at: z.string(),
    question: z.string(),
    answer: z.string(),
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

/** Who it is from, the greeting and the two dates every email to a student shows. */
function studentEmailWords(p: {
  trainerName?: string | null;
  trainerEmail: string;
  studentName?: string | null;
  sessionDate: string;
  expiresAt: string;
}) {
  return {
    trainer: p.trainerName || p.trainerEmail,
    greeting: p.studentName ? `Hi ${p.studentName},` : "Hi,",
    when: fmtDate(p.sessionDate),
    expires: fmtDate(p.expiresAt),
  };
}

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
      const { trainer, greeting, when, expires } = studentEmailWords(p);
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
    case "session-shared": {
      const p = templatePayloads["session-shared"].parse(rawPayload);
      const { trainer, greeting, when, expires } = studentEmailWords(p);
      const n = p.videos.length;
      const what = n === 1 ? "video" : `${n} videos`;
      const intro =
        p.kind === "new-videos"
          ? `${trainer} added ${n === 1 ? "a new video" : `${n} new videos`} to your riding session on ${when}, "${p.sessionTitle}":`
          : `${trainer} shared the ${what} of your riding session on ${when}, "${p.sessionTitle}":`;
      const text = [
        greeting,
        "",
        intro,
        ...p.videos.map((v, i) => `${i + 1}. ${v.title}`),
        ...(p.notes && p.kind === "session" ? ["", "Notes from your trainer:", p.notes] : []),
        "",
        `Watch or download ${n === 1 ? "it" : "them"} here (your personal link, available until ${expires}):`,
        p.url,
        "",
        `Questions? Reply to this email to reach ${trainer} (${p.trainerEmail}).`,
        "",
      ].join("\n");
      const html = layout(
        "Your riding session",
        `<p style="margin:0 0 12px">${esc(greeting)}</p>
<p style="margin:0 0 12px">${esc(intro)}</p>
<ol style="margin:0 0 12px;padding-left:20px;font-weight:600">${p.videos.map((v) => `<li>${esc(v.title)}</li>`).join("")}</ol>
${p.notes && p.kind === "session" ? `<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c;white-space:pre-wrap">${esc(p.notes)}</div>` : ""}
${button(p.url, n === 1 ? "Watch your session" : "Watch your videos")}
<p style="margin:0 0 8px;font-size:14px">Your personal link is available until <strong>${esc(expires)}</strong>.</p>
<p style="margin:0;font-size:14px;color:#52525b">Questions? Reply to this email to reach ${esc(trainer)} (${esc(p.trainerEmail)}).</p>`,
      );
      const subject =
        p.kind === "new-videos"
          ? `${trainer} added to your riding session: ${p.sessionTitle}`
          : `${trainer} shared your riding session: ${p.sessionTitle}`;
      return { subject: headerText(subject), text, html, replyTo: p.trainerEmail };
    }
    case "trainer-digest": {
      const p = templatePayloads["trainer-digest"].parse(rawPayload);
      const lines = p.activity.map((a) => `${a.student} ${a.did.join(", ")}: ${a.session}${a.video ? ` — ${a.video}` : ""}`);
      const bounced = p.bounced.map((b) => `${b}: our email bounced; check the address.`);
      const text = [
        p.trainerName ? `Hi ${p.trainerName},` : "Hi,",
        "",
        `Your students on ${fmtDate(p.day)}:`,
        ...lines,
        ...(bounced.length ? ["", "Bounced:", ...bounced] : []),
        "",
        `Details: ${p.url}`,
        "",
        "You can turn this daily email off on your dashboard.",
        "",
      ].join("\n");
      const html = layout(
        "Your daily digest",
        `<p style="margin:0 0 12px">Your students on <strong>${esc(fmtDate(p.day))}</strong>:</p>
<ul style="margin:0 0 12px;padding-left:20px">${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>
${bounced.length ? `<p style="margin:0 0 8px;font-weight:600;color:#b91c1c">Bounced</p><ul style="margin:0 0 12px;padding-left:20px">${bounced.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : ""}
${button(p.url, "Open your dashboard")}
<p style="margin:0;font-size:13px;color:#52525b">You can turn this daily email off on your dashboard.</p>`,
      );
      return {
        subject: headerText(
          `ApexShare daily digest: ${lines.length} ${lines.length === 1 ? "update" : "updates"}${bounced.length ? `, ${bounced.length} bounced` : ""}`,
        ),
        text,
        html,
      };
    }
    case "student-bounced": {
      const p = templatePayloads["student-bounced"].parse(rawPayload);
      const text = [
        p.trainerName ? `Hi ${p.trainerName},` : "Hi,",
        "",
        `Our email to ${p.studentEmail} bounced: the address does not accept mail, so they did not get their link${p.sessions.length ? ` (${p.sessions.join(", ")})` : ""}.`,
        "Check the address with your student and add them again with the right one.",
        "",
        p.url,
        "",
      ].join("\n");
      const html = layout(
        "An email bounced",
        `<p style="margin:0 0 12px">Our email to <strong>${esc(p.studentEmail)}</strong> bounced: the address does not accept mail, so they did not get their link${p.sessions.length ? ` (${esc(p.sessions.join(", "))})` : ""}.</p>
<p style="margin:0 0 12px">Check the address with your student and add them again with the right one.</p>
${button(p.url, "See the student")}`,
      );
      return { subject: headerText(`Email to ${p.studentEmail} bounced`), text, html };
    }
    case "coaching-feedback": {
      const p = templatePayloads["coaching-feedback"].parse(rawPayload);
      const trainer = p.trainerName || p.trainerEmail;
      const what = p.noteCount === 1 ? "a new note" : `${p.noteCount} new notes`;
      const when = fmtDate(p.sessionDate);
      const text = `Hi,\n\n${trainer} added ${what} on the video of your riding session on ${when}: "${p.videoTitle}".\n\nSee them on the video:\n${p.url}\n`;
      const html = layout(
        "New feedback on your session",
        `<p style="margin:0 0 12px">${esc(trainer)} added ${esc(what)} on the video of your riding session on <strong>${esc(when)}</strong>:</p>
<p style="margin:0 0 12px;font-size:18px;font-weight:600">${esc(p.videoTitle)}</p>
${button(p.url, "See the feedback")}`,
      );
      return { subject: headerText(`New feedback on your session: ${p.videoTitle}`), text, html, replyTo: p.trainerEmail };
    }
    case "coaching-questions": {
      const p = templatePayloads["coaching-questions"].parse(rawPayload);
      const n = p.questions.length;
      const lines = p.questions.map((q) => `${q.studentEmail} on "${q.videoTitle}" at ${q.at}:\n${q.text}`);
      const text = `${n === 1 ? "A student asked a question" : `Students asked ${n} questions`} about your videos.\n\n${lines.join("\n\n")}\n\nAnswer them here:\n${p.url}\n`;
      const html = layout(
        "Questions from your students",
        `<p style="margin:0 0 12px">${n === 1 ? "A student asked a question" : `Students asked ${n} questions`} about your videos.</p>
${p.questions
  .map(
    (q) =>
      `<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c"><p style="margin:0 0 4px;font-size:13px;color:#52525b">${esc(q.studentEmail)} · ${esc(q.videoTitle)} · ${esc(q.at)}</p><p style="margin:0;white-space:pre-wrap">${esc(q.text)}</p></div>`,
  )
  .join("\n")}
${button(p.url, "Answer")}`,
      );
      return { subject: n === 1 ? "A question from your student" : `${n} questions from your students`, text, html };
    }
    case "coaching-answer": {
      const p = templatePayloads["coaching-answer"].parse(rawPayload);
      const trainer = p.trainerName || p.trainerEmail;
      const text = `Hi,\n\n${trainer} answered your question on "${p.videoTitle}" at ${p.at}.\n\nYou asked:\n${p.question}\n\nAnswer:\n${p.answer}\n\nSee it on the video:\n${p.url}\n`;
      const html = layout(
        "Your trainer answered",
        `<p style="margin:0 0 12px">${esc(trainer)} answered your question on <strong>${esc(p.videoTitle)}</strong> at ${esc(p.at)}.</p>
<p style="margin:0 0 4px;font-size:13px;color:#52525b">You asked</p>
<div style="margin:0 0 12px;padding:12px;background:#fafafa;white-space:pre-wrap">${esc(p.question)}</div>
<p style="margin:0 0 4px;font-size:13px;color:#52525b">Answer</p>
<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c;white-space:pre-wrap">${esc(p.answer)}</div>
${button(p.url, "See it on the video")}`,
      );
      return { subject: headerText(`${trainer} answered your question on ${p.videoTitle}`), text, html, replyTo: p.trainerEmail };
    }
    default:
      throw new Error(`Unknown email template ${template}`);
  }
}
