// Email content. Every template renders a plain-text and an HTML part; the HTML
// is a single 560px-max column with inline styles so narrow mail clients cope.
import { z } from "zod";
import { INTL_LOCALE, localeSchema, translator, type Locale } from "@/lib/i18n";

/** The reader's language, chosen when the email is queued; emails queued before languages existed are English. */
const locale = localeSchema.default("en");

/**
 * The school whose session it is (lib/schools/identity emailSchool): its name and logo head the
 * email, replies go to its reply-to address when it has one. Absent on emails queued before schools.
 */
const school = z.object({ name: z.string(), logoUrl: z.string().nullish(), replyTo: z.string().nullish() }).nullish();

/** What every email to a student about a session carries. */
const sharedFields = {
  locale,
  school,
  url: z.string(),
  studentName: z.string().nullish(),
  trainerName: z.string().nullish(),
  trainerEmail: z.string(),
  sessionDate: z.string(),
  notes: z.string().default(""),
  expiresAt: z.string(),
};

export const templatePayloads = {
  "magic-link": z.object({ locale, url: z.string(), expiresAt: z.string() }),
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
    locale,
    url: z.string(),
    trainerName: z.string().nullish(),
    day: z.string(),
    activity: z.array(z.object({ student: z.string(), session: z.string(), video: z.string().nullish(), did: z.array(z.string()) })),
    bounced: z.array(z.string()),
  }),
  // At once, when an email to a student bounced.
  "student-bounced": z.object({
    locale,
    url: z.string(),
    trainerName: z.string().nullish(),
    studentEmail: z.string(),
    sessions: z.array(z.string()),
  }),
  // Coaching (lib/coaching): one batched "new feedback" email per student and video, the trainer's question digest, an answer.
  "coaching-feedback": z.object({
    locale,
    school,
    url: z.string(),
    videoId: z.string(),
    videoTitle: z.string(),
    trainerName: z.string().nullish(),
    trainerEmail: z.string(),
    sessionDate: z.string(),
    noteCount: z.number().int().min(1),
  }),
  "coaching-questions": z.object({
    locale,
    url: z.string(),
    questions: z.array(z.object({ videoTitle: z.string(), studentEmail: z.string(), at: z.string(), text: z.string() })).min(1),
  }),
  "coaching-answer": z.object({
    locale,
    school,
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

/** A calendar day ("2026-05-31") or a moment, as a date in the reader's language. */
const fmtDate = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
  );

/** A moment with its time, in UTC (said so): an email cannot know the reader's time zone. */
const fmtMoment = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));

type T = ReturnType<typeof translator>;
type Values = Record<string, string | number>;

/**
 * One message as plain text and as HTML: values are escaped for the HTML, and `<b>` in a
 * message becomes <strong> there (and nothing in the text part).
 */
function both(t: T, key: string, values: Values = {}) {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? esc(v) : v]));
  const markup = t.markup as unknown as (key: string, values: Record<string, unknown>) => string;
  return {
    text: markup(key, { ...values, b: (chunks: string) => chunks }),
    html: markup(key, { ...escaped, b: (chunks: string) => `<strong>${chunks}</strong>` }),
  };
}

type EmailSchool = z.infer<typeof school>;

/** The email's head: the school's logo and name when it is the school's email, else ours. */
function masthead(from: EmailSchool) {
  if (!from) return `<p style="margin:0 0 16px;font-weight:700;color:#ea580c;font-size:18px">ApexShare</p>`;
  const logo = from.logoUrl
    ? `<img src="${esc(from.logoUrl)}" alt="" height="40" style="height:40px;max-width:160px;vertical-align:middle;margin-right:10px;border:0">`
    : "";
  return `<p style="margin:0 0 16px;font-weight:700;color:#18181b;font-size:18px" data-school>${logo}<span style="vertical-align:middle">${esc(from.name)}</span></p>`;
}

/** The plain-text part's first lines: who it is from. */
const textHead = (from: EmailSchool) => (from ? [from.name, ""] : []);

/** Replies go to the school's address when it set one, else to the trainer (the From stays our verified sender). */
const replyAddress = (from: EmailSchool, trainerEmail: string) => from?.replyTo || trainerEmail;

function layout(locale: Locale, title: string, bodyHtml: string, from: EmailSchool = null) {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px">
<tr><td style="padding:24px 20px;font-size:16px;line-height:1.5">
${masthead(from)}
${bodyHtml}
</td></tr></table></td></tr></table></body></html>`;
}

const button = (t: T, url: string, label: string) =>
  `<p style="margin:24px 0"><a href="${esc(url)}" style="display:inline-block;background:#ea580c;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px">${esc(label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52525b;word-break:break-all">${esc(t("email.pasteLink"))}<br>${esc(url)}</p>`;

/** Who it is from, the greeting and the two dates every email to a student shows. */
function studentEmailWords(
  t: T,
  p: {
    locale: Locale;
    trainerName?: string | null;
    trainerEmail: string;
    studentName?: string | null;
    sessionDate: string;
    expiresAt: string;
  },
) {
  return {
    trainer: p.trainerName || p.trainerEmail,
    greeting: t("email.hi", { name: p.studentName || "none" }),
    when: fmtDate(p.locale, p.sessionDate),
    expires: fmtDate(p.locale, p.expiresAt),
  };
}

const note = (html: string) =>
  `<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c;white-space:pre-wrap">${html}</div>`;
const small = (html: string) => `<p style="margin:0;font-size:14px;color:#52525b">${html}</p>`;

export function renderEmail(template: string, rawPayload: unknown): RenderedEmail {
  switch (template) {
    case "magic-link": {
      const p = templatePayloads["magic-link"].parse(rawPayload);
      const t = translator(p.locale);
      const at = fmtMoment(p.locale, p.expiresAt);
      const text = `${t("email.magicLink.title")}\n\n${t("email.magicLink.open")}\n${p.url}\n\n${t("email.magicLink.expires", { at })}\n${t("email.magicLink.ignore")}\n`;
      const html = layout(
        p.locale,
        t("email.magicLink.title"),
        `<h1 style="font-size:20px;margin:0 0 12px">${esc(t("email.magicLink.title"))}</h1>
<p style="margin:0">${esc(t("email.magicLink.tap", { at }))}</p>
${button(t, p.url, t("email.magicLink.button"))}
<p style="margin:0;font-size:13px;color:#52525b">${esc(t("email.magicLink.ignore"))}</p>`,
      );
      return { subject: t("email.magicLink.subject"), text, html };
    }
    case "video-shared": {
      const p = templatePayloads["video-shared"].parse(rawPayload);
      const t = translator(p.locale);
      const { trainer, greeting, when, expires } = studentEmailWords(t, p);
      const intro = both(t, "email.shared.videoIntro", { trainer, date: when, title: p.videoTitle });
      const until = both(t, "email.shared.availableUntil", { date: expires });
      const questions = t("email.shared.questions", { trainer, email: p.trainerEmail });
      const text = [
        ...textHead(p.school),
        greeting,
        "",
        intro.text,
        ...(p.notes ? ["", t("email.shared.notes"), p.notes] : []),
        "",
        t("email.shared.watchHere", { count: 1, date: expires }),
        p.url,
        "",
        questions,
        "",
      ].join("\n");
      const html = layout(
        p.locale,
        t("email.shared.videoTitle"),
        `<p style="margin:0 0 12px">${esc(greeting)}</p>
<p style="margin:0 0 12px">${intro.html}</p>
${p.notes ? note(esc(p.notes)) : ""}
${button(t, p.url, t("email.shared.button", { count: 1 }))}
<p style="margin:0 0 8px;font-size:14px">${until.html}</p>
${small(esc(questions))}`,
        p.school,
      );
      return {
        subject: headerText(t("email.shared.videoSubject", { trainer, title: p.videoTitle })),
        text,
        html,
        replyTo: replyAddress(p.school, p.trainerEmail),
      };
    }
    case "session-shared": {
      const p = templatePayloads["session-shared"].parse(rawPayload);
      const t = translator(p.locale);
      const { trainer, greeting, when, expires } = studentEmailWords(t, p);
      const count = p.videos.length;
      const intro = both(t, p.kind === "new-videos" ? "email.shared.introNew" : "email.shared.introSession", {
        trainer,
        count,
        date: when,
        title: p.sessionTitle,
      });
      const until = both(t, "email.shared.availableUntil", { date: expires });
      const questions = t("email.shared.questions", { trainer, email: p.trainerEmail });
      const withNotes = p.notes && p.kind === "session";
      const text = [
        ...textHead(p.school),
        greeting,
        "",
        intro.text,
        ...p.videos.map((v, i) => `${i + 1}. ${v.title}`),
        ...(withNotes ? ["", t("email.shared.notes"), p.notes] : []),
        "",
        t("email.shared.watchHere", { count, date: expires }),
        p.url,
        "",
        questions,
        "",
      ].join("\n");
      const html = layout(
        p.locale,
        t("email.shared.title"),
        `<p style="margin:0 0 12px">${esc(greeting)}</p>
<p style="margin:0 0 12px">${intro.html}</p>
<ol style="margin:0 0 12px;padding-left:20px;font-weight:600">${p.videos.map((v) => `<li>${esc(v.title)}</li>`).join("")}</ol>
${withNotes ? note(esc(p.notes)) : ""}
${button(t, p.url, t("email.shared.button", { count }))}
<p style="margin:0 0 8px;font-size:14px">${until.html}</p>
${small(esc(questions))}`,
        p.school,
      );
      const subject = t(p.kind === "new-videos" ? "email.shared.subjectNew" : "email.shared.subjectSession", {
        trainer,
        title: p.sessionTitle,
      });
      return { subject: headerText(subject), text, html, replyTo: replyAddress(p.school, p.trainerEmail) };
    }
    case "trainer-digest": {
      const p = templatePayloads["trainer-digest"].parse(rawPayload);
      const t = translator(p.locale);
      const list = (items: string[]) => items.join(", ");
      const lines = p.activity.map(
        (a) =>
          `${t("email.digest.line", { student: a.student, did: list(a.did.map((kind) => t("email.digest.did", { kind }))), session: a.session })}${a.video ? ` — ${a.video}` : ""}`,
      );
      const bounced = p.bounced.map((email) => t("email.digest.bouncedLine", { email }));
      const day = both(t, "email.digest.intro", { date: fmtDate(p.locale, p.day) });
      const text = [
        t("email.hi", { name: p.trainerName || "none" }),
        "",
        day.text,
        ...lines,
        ...(bounced.length ? ["", `${t("email.digest.bouncedHeading")}:`, ...bounced] : []),
        "",
        t("email.digest.details", { url: p.url }),
        "",
        t("email.digest.optOut"),
        "",
      ].join("\n");
      const html = layout(
        p.locale,
        t("email.digest.title"),
        `<p style="margin:0 0 12px">${day.html}</p>
<ul style="margin:0 0 12px;padding-left:20px">${lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>
${bounced.length ? `<p style="margin:0 0 8px;font-weight:600;color:#b91c1c">${esc(t("email.digest.bouncedHeading"))}</p><ul style="margin:0 0 12px;padding-left:20px">${bounced.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : ""}
${button(t, p.url, t("email.digest.button"))}
<p style="margin:0;font-size:13px;color:#52525b">${esc(t("email.digest.optOut"))}</p>`,
      );
      return { subject: headerText(t("email.digest.subject", { count: lines.length, bounced: bounced.length })), text, html };
    }
    case "student-bounced": {
      const p = templatePayloads["student-bounced"].parse(rawPayload);
      const t = translator(p.locale);
      const what = both(t, "email.bounced.text", { email: p.studentEmail, sessions: p.sessions.length ? p.sessions.join(", ") : "none" });
      const text = [t("email.hi", { name: p.trainerName || "none" }), "", what.text, t("email.bounced.advice"), "", p.url, ""].join("\n");
      const html = layout(
        p.locale,
        t("email.bounced.title"),
        `<p style="margin:0 0 12px">${what.html}</p>
<p style="margin:0 0 12px">${esc(t("email.bounced.advice"))}</p>
${button(t, p.url, t("email.bounced.button"))}`,
      );
      return { subject: headerText(t("email.bounced.subject", { email: p.studentEmail })), text, html };
    }
    case "coaching-feedback": {
      const p = templatePayloads["coaching-feedback"].parse(rawPayload);
      const t = translator(p.locale);
      const trainer = p.trainerName || p.trainerEmail;
      const intro = both(t, "email.feedback.intro", {
        trainer,
        count: p.noteCount,
        date: fmtDate(p.locale, p.sessionDate),
        title: p.videoTitle,
      });
      const text = `${textHead(p.school)
        .map((l) => `${l}\n`)
        .join("")}${t("email.hi", { name: "none" })}\n\n${intro.text}\n\n${t("email.feedback.seeThem")}\n${p.url}\n`;
      const html = layout(
        p.locale,
        t("email.feedback.title"),
        `<p style="margin:0 0 12px">${intro.html}</p>
${button(t, p.url, t("email.feedback.button"))}`,
        p.school,
      );
      return {
        subject: headerText(t("email.feedback.subject", { title: p.videoTitle })),
        text,
        html,
        replyTo: replyAddress(p.school, p.trainerEmail),
      };
    }
    case "coaching-questions": {
      const p = templatePayloads["coaching-questions"].parse(rawPayload);
      const t = translator(p.locale);
      const count = p.questions.length;
      const intro = t("email.questions.intro", { count });
      const lines = p.questions.map(
        (q) => `${t("email.questions.line", { student: q.studentEmail, title: q.videoTitle, at: q.at })}\n${q.text}`,
      );
      const text = `${intro}\n\n${lines.join("\n\n")}\n\n${t("email.questions.answerHere")}\n${p.url}\n`;
      const html = layout(
        p.locale,
        t("email.questions.title"),
        `<p style="margin:0 0 12px">${esc(intro)}</p>
${p.questions
  .map(
    (q) =>
      `<div style="margin:0 0 12px;padding:12px;background:#fafafa;border-left:3px solid #ea580c"><p style="margin:0 0 4px;font-size:13px;color:#52525b">${esc(q.studentEmail)} · ${esc(q.videoTitle)} · ${esc(q.at)}</p><p style="margin:0;white-space:pre-wrap">${esc(q.text)}</p></div>`,
  )
  .join("\n")}
${button(t, p.url, t("email.questions.button"))}`,
      );
      return { subject: t("email.questions.subject", { count }), text, html };
    }
    case "coaching-answer": {
      const p = templatePayloads["coaching-answer"].parse(rawPayload);
      const t = translator(p.locale);
      const trainer = p.trainerName || p.trainerEmail;
      const intro = both(t, "email.answer.intro", { trainer, title: p.videoTitle, at: p.at });
      const text = `${textHead(p.school)
        .map((l) => `${l}\n`)
        .join(
          "",
        )}${t("email.hi", { name: "none" })}\n\n${intro.text}\n\n${t("email.answer.youAsked")}:\n${p.question}\n\n${t("email.answer.answer")}:\n${p.answer}\n\n${t("email.answer.seeIt")}\n${p.url}\n`;
      const html = layout(
        p.locale,
        t("email.answer.title"),
        `<p style="margin:0 0 12px">${intro.html}</p>
<p style="margin:0 0 4px;font-size:13px;color:#52525b">${esc(t("email.answer.youAsked"))}</p>
<div style="margin:0 0 12px;padding:12px;background:#fafafa;white-space:pre-wrap">${esc(p.question)}</div>
<p style="margin:0 0 4px;font-size:13px;color:#52525b">${esc(t("email.answer.answer"))}</p>
${note(esc(p.answer))}
${button(t, p.url, t("email.answer.button"))}`,
        p.school,
      );
      return {
        subject: headerText(t("email.answer.subject", { trainer, title: p.videoTitle })),
        text,
        html,
        replyTo: replyAddress(p.school, p.trainerEmail),
      };
    }
    default:
      throw new Error(`Unknown email template ${template}`);
  }
}
