// The student link page (/d/<token>) as HTML, rendered on the server from the same catalogues as
// every page (lib/i18n/messages), in the student's language. No React on this page: what moves
// (the player, the markers, the current note, asking a question, the local time) is the small
// module browser.ts, which reads the JSON this page carries. Same texts, roles, labels and test ids
// as the signed-in student's React page (components/shared-video.tsx + components/coaching).
import type { Video } from "@/db/schema";
import type { NoteView, QuestionView } from "@/lib/coaching/moments";
import { ASKED_BY_YOU, formatMoment, MAX_QUESTION_CHARS } from "@/lib/coaching/moments";
import { formatDay, formatInstant, translator, type Locale } from "@/lib/i18n";
import { schoolLogoPath } from "@/lib/schools/logo-rules";
import type { SharedSession } from "@/lib/shares/access";
import { formatBytes } from "@/lib/uploads/rules";
import type { Playback } from "@/lib/videos/playback";
import { percentAlong } from "@/components/player/timeline";
import { DATA_ID, SLOT, type StudentPageData } from "./data";
import { escapeHtml, jsonForScript, markup, raw, type Html } from "./html";

/** What the page loads besides itself (scripts/student-page-module.mjs, through next.config.ts's env). */
export interface PageAssets {
  script: string;
  css: string;
}

type T = ReturnType<typeof translator>;

function document(o: { locale: Locale; title: string; nonce: string; assets: PageAssets; body: Html; script: boolean }): string {
  const script = o.script ? markup`<script type="module" src="${o.assets.script}" nonce="${o.nonce}"></script>` : "";
  return `<!DOCTYPE html>${
    markup`<html lang="${o.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="theme-color" content="#c2410c"><title>${o.title} · ApexShare</title><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow"><link rel="icon" href="/icon.svg" type="image/svg+xml"><style>${raw(o.assets.css)}</style>${script}</head><body class="min-h-dvh font-sans">${o.body}</body></html>`
      .__html
  }`;
}

export interface StudentPageInput {
  shared: SharedSession;
  video: Video;
  playback: Playback;
  coaching: { notes: NoteView[]; questions: QuestionView[] };
  token: string;
  locale: Locale;
  nonce: string;
  assets: PageAssets;
}

/** The student's view of a riding session: its videos in order, the one chosen playing on top, download always offered. */
export function studentPageHtml({ shared, video, playback, coaching, token, locale, nonce, assets }: StudentPageInput): string {
  const t = translator(locale);
  const { session, share, trainer, videos } = shared;
  const basePath = `/d/${encodeURIComponent(token)}`;
  const downloadHref = `${basePath}/download?video=${video.id}`;
  const index = videos.findIndex((v) => v.id === video.id);
  const trainerName = trainer.name ?? trainer.email;
  const logo = schoolLogoPath(shared.school);
  const data: StudentPageData = {
    locale,
    playback: {
      poster: playback.poster,
      renditions: playback.renditions,
      original: playback.original,
      storyboard: playback.storyboard,
      preparing: playback.preparing,
      urlsExpireInSeconds: playback.urlsExpireInSeconds,
      durationSeconds: playback.durationSeconds,
    },
    viewer: { token, videoId: video.id },
    notes: coaching.notes.map((n) => ({ id: n.id, atSeconds: n.atSeconds, endSeconds: n.endSeconds, drawing: n.drawing })),
    text: {
      original: t("player.original"),
      noPicture: t("player.noPicture"),
      hevc: t("player.hevc"),
      tryRendition: t("player.tryRendition"),
      tryDownload: t("player.tryDownload"),
      playRendition: t("player.playRendition", { label: SLOT }),
      preparing: t("player.preparing"),
      loading: t("player.loading"),
      downloadMeanwhile: t("player.downloadMeanwhile"),
      withdrawn: t("player.withdrawn"),
      quality: t("player.quality"),
      preparingNote: t("player.preparingNote"),
      askAt: t("coaching.askAt", { at: SLOT }),
      sent: t("coaching.sent"),
      sendFailed: t("coaching.sendFailed"),
      you: ASKED_BY_YOU,
    },
  };
  const downloadButton =
    "inline-flex w-full items-center justify-center rounded-lg bg-brand font-semibold text-white hover:bg-brand-dark sm:w-auto";
  const body = markup`<main lang="${locale}" class="mx-auto max-w-3xl px-3 py-4 sm:px-4 sm:py-8">
<div class="mb-3 flex items-center gap-3" data-testid="school-header">${
    logo ? markup`<img src="${logo}" alt="" class="h-10 max-w-40 object-contain" height="40" data-testid="school-logo">` : ""
  }<span class="text-base font-semibold text-zinc-800" data-testid="school-name">${shared.school.name}</span></div>
<p class="text-sm text-zinc-700" data-testid="session-line">${t("link.sessionOn", { date: formatDay(locale, session.sessionDate), trainer: trainerName })}</p>
<h1 class="mb-3 text-xl font-bold sm:text-2xl">${session.title}</h1>
<div id="player">${waitingBox(playback.poster, t("player.loading"), t("player.downloadMeanwhile"))}</div>
${markerBar(t, coaching.notes, playback.durationSeconds)}
<h2 class="mt-4 text-lg font-semibold" data-testid="video-title">${videos.length > 1 ? `${index + 1}. ` : ""}${video.title}</h2>
${
  playback.chapters.length > 1
    ? markup`<section class="mt-2" data-testid="chapters"><p class="text-sm text-zinc-700">${t("link.chaptersIntro", { count: playback.chapters.length })}</p><ul class="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap">${playback.chapters.map(
        (c) =>
          markup`<li><a href="${downloadHref}&chapter=${c.chapter}" data-testid="download" class="${downloadButton} px-4 py-2">${t("link.downloadPart", { part: c.chapter, size: formatBytes(c.sizeBytes, locale) })}</a></li>`,
      )}</ul></section>`
    : markup`<a href="${downloadHref}" data-testid="download" class="mt-2 ${downloadButton} px-5 py-3">${t("link.downloadOriginal", { size: formatBytes(video.sizeBytes, locale) })}</a>`
}
${
  videos.length > 1
    ? markup`<nav aria-label="${t("link.videosNav")}" class="mt-6"><h2 class="font-semibold">${t("link.allVideos", { count: videos.length })}</h2><ol class="mt-2 space-y-2" data-testid="session-videos">${videos.map(
        (v, i) =>
          markup`<li data-testid="session-video"><a href="${basePath}?v=${v.id}"${v.id === video.id ? raw(' aria-current="page"') : ""} class="block rounded-lg border p-3 ${v.id === video.id ? "border-brand bg-orange-50 font-semibold" : "border-zinc-200 bg-white underline"}">${i + 1}. ${v.title}</a></li>`,
      )}</ol></nav>`
    : ""
}
${
  session.notes
    ? markup`<section class="mt-6"><h2 class="font-semibold">${t("link.trainerNotes")}</h2><p class="mt-1 whitespace-pre-wrap rounded-lg border-l-4 border-brand bg-white p-3 text-zinc-800">${session.notes}</p></section>`
    : ""
}
<p class="mt-6 text-sm text-zinc-600" data-testid="available-until">${raw(
    t.markup("link.availableUntil", {
      trainer: escapeHtml(trainerName),
      time: () => localTime(share.expiresAt, locale).__html,
      mail: (chunks) => markup`<a class="underline" href="mailto:${trainer.email}">${raw(chunks)}</a>`.__html,
    }),
  )}</p>
${notesSection(t, coaching.notes)}
${questionsSection(t, coaching.questions)}
</main><script type="application/json" id="${DATA_ID}">${jsonForScript(data)}</script>`;
  return document({ locale, title: t("link.metaTitle"), nonce, assets, body, script: true });
}

/** The one answer for a link that is unknown, malformed, expired or revoked (with a 404). */
export function linkUnavailableHtml({ locale, nonce, assets }: { locale: Locale; nonce: string; assets: PageAssets }): string {
  const t = translator(locale);
  const body = markup`<main class="mx-auto max-w-md px-4 py-16 text-center"><h1 class="text-2xl font-bold">${t("link.unavailableTitle")}</h1><p class="mt-3 text-zinc-700">${t("link.unavailableText")}</p><p class="mt-3 text-zinc-700">${raw(
    t.markup("link.unavailableSignIn", { signin: (chunks) => `<a href="/signin" class="text-brand underline">${chunks}</a>` }),
  )}</p></main>`;
  return document({ locale, title: t("link.unavailableTitle"), nonce, assets, body, script: false });
}

/** What shows before the module has chosen a source: the poster, dimmed, and a line. */
function waitingBox(poster: string | null, line: string, meanwhile: string): Html {
  return markup`<div data-testid="preparing" class="relative aspect-video w-full overflow-hidden rounded-xl bg-zinc-900 text-white">${
    poster ? markup`<img src="${poster}" alt="" class="absolute inset-0 h-full w-full object-cover opacity-40">` : ""
  }<div class="relative flex h-full flex-col items-center justify-center p-6 text-center"><p class="font-semibold">${line}</p><p class="mt-1 text-sm text-zinc-300">${meanwhile}</p></div></div>`;
}

/** A moment in UTC (said so); the module rewrites it in the reader's zone. */
function localTime(at: Date, locale: Locale): Html {
  return markup`<time datetime="${at.toISOString()}" data-local="datetime">${formatInstant(at, "datetime", "UTC", locale)}</time>`;
}

/** The notes on the timeline: the module moves the bar under the picture and shows it once the duration is known. */
function markerBar(t: T, notes: NoteView[], duration: number | null): Html {
  if (notes.length === 0) return raw("");
  return markup`<div data-testid="marker-bar" aria-label="${t("coaching.markersLabel")}" role="group" class="relative mt-2 h-6 rounded bg-zinc-200" hidden>${notes.map(
    (n) => {
      const label = n.text.slice(0, 60);
      const at = formatMoment(n.atSeconds);
      return markup`<button type="button" data-testid="note-marker" data-at="${n.atSeconds}" data-seek="${n.atSeconds}" data-note="${n.id}" aria-label="${t("coaching.markerAt", { label, at })}" title="${at} — ${label}" class="absolute top-0 h-6 w-3 -translate-x-1/2 rounded-sm bg-brand ring-offset-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900" style="left: ${duration ? percentAlong(n.atSeconds, duration) : 0}%"></button>`;
    },
  )}</div>`;
}

function notesSection(t: T, notes: NoteView[]): Html {
  return markup`<section class="mt-6" aria-labelledby="notes-heading"><h2 id="notes-heading" class="font-semibold">${t("coaching.notesHeading")}</h2><div class="mt-2">${
    notes.length === 0
      ? markup`<p class="text-sm text-zinc-600">${t("coaching.noNotes")}</p>`
      : markup`<ol aria-label="${t("coaching.notesList")}" class="space-y-2">${notes.map(
          (n) =>
            markup`<li data-testid="note-item" data-note="${n.id}" data-current="no" class="rounded-lg border p-2 border-zinc-200 bg-white"><button type="button" data-testid="note-seek" data-seek="${n.atSeconds}" class="flex w-full items-baseline gap-2 text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"><span class="shrink-0 font-mono text-sm font-semibold text-brand">${formatMoment(n.atSeconds)}${n.endSeconds != null ? `–${formatMoment(n.endSeconds)}` : ""}</span><span data-testid="note-text" class="min-w-0 flex-1 whitespace-pre-wrap break-words text-zinc-800">${n.text}</span></button><div class="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500">${
              n.audienceEmail ? markup`<span data-testid="note-audience">${t("coaching.justForYou")}</span>` : ""
            }${n.drawing ? markup`<span>${t("coaching.drawing")}</span>` : ""}</div></li>`,
        )}</ol>`
  }</div></section>`;
}

function questionsSection(t: T, questions: QuestionView[]): Html {
  const at = formatMoment(0);
  return markup`<section class="mt-6" aria-labelledby="questions-heading"><h2 id="questions-heading" class="font-semibold">${t("coaching.questionsHeading")}</h2><form id="ask" aria-label="${t("coaching.askForm")}" class="mt-2 space-y-2"><label class="block text-sm text-zinc-700" for="question-text">${raw(
    t.markup("coaching.askAbout", { at, tag: (chunks) => `<span data-testid="question-at">${chunks}</span>` }),
  )}</label><textarea id="question-text" name="text" maxlength="${MAX_QUESTION_CHARS}" rows="2" required class="w-full rounded-lg border border-zinc-300 p-2"></textarea><div class="flex items-center gap-3"><button type="submit" disabled class="rounded-lg bg-brand px-4 py-2 font-semibold text-white disabled:opacity-50">${t("coaching.askAt", { at })}</button><span data-testid="ask-sent" class="text-sm text-green-700" hidden></span><span data-testid="ask-error" role="alert" class="text-sm text-red-700" hidden></span></div></form><ol id="questions" aria-label="${t("coaching.yourQuestions")}" class="mt-3 space-y-2"${questions.length ? "" : raw(" hidden")}>${questions.map((q) => questionThread(t, q))}</ol><template id="question-template">${questionThread(t, { id: "", atSeconds: 0, text: "", answer: null, public: false, askedBy: "" })}</template></section>`;
}

function questionThread(t: T, q: QuestionView): Html {
  return markup`<li data-testid="question-thread" class="rounded-lg border border-zinc-200 bg-white p-2 text-sm"><button type="button" data-seek="${q.atSeconds}" class="font-mono font-semibold text-sky-700">${formatMoment(q.atSeconds)}</button> <span class="text-zinc-500">${q.askedBy}:</span> <span class="whitespace-pre-wrap">${q.text}</span>${
    q.answer
      ? markup`<p data-testid="question-answer" class="mt-1 whitespace-pre-wrap border-l-4 border-brand pl-2 text-zinc-800">${q.answer}</p>`
      : markup`<p class="mt-1 text-zinc-500">${t("coaching.waiting")}</p>`
  }</li>`;
}
