// The student link page's one module (built by scripts/student-page-module.mjs; no React): the
// player — the screen's rendition, the quality menu, sound-without-picture, "preparing" looked at
// again every 10 s, URLs renewed before they die, play and progress beacons, scrub previews — and
// the coaching layer: drawings over the picture, markers, the current note, seeking, asking a
// question; and the expiry line in the reader's time zone. The logic is shared with the React
// player (components/player/*, lib/coaching/moments); this file only binds it to the page's HTML.
import { apiCall, ApiError, sendEvent } from "@/components/api-client";
import {
  canDecode,
  cannotPlay,
  firstChoice,
  isLargeScreen,
  originalSource,
  pictureFallback,
  playerSources,
  PREPARING_POLL_MS,
  sourceType,
  type PlayerSource,
} from "@/components/player/sources";
import { knownDuration, percentAlong, questionMoment, seekAndPause, storyboardTile, timeAtPointer } from "@/components/player/timeline";
import { MediaUrlRenewal, type MediaUrls } from "@/components/player/url-renewal";
import { trackWatchProgress } from "@/components/player/watch-progress";
import { arrowHeadPath, COLOR_HEX, currentNoteId, formatMoment, inMoment, SHAPE_STROKE_WIDTH } from "@/lib/coaching/moments";
import type { Shape } from "@/lib/coaching/rules";
import { formatInstant, type InstantStyle } from "@/lib/i18n/locales";
import { DATA_ID, fillSlot, type StudentPageData } from "./data";

type Child = Node | string | null | undefined | false;

/** A DOM element: attributes (null/false leave one out), then children. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

function svg(tag: string, attrs: Record<string, string | number>) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const data = JSON.parse(document.getElementById(DATA_ID)!.textContent!) as StudentPageData;
const { text } = data;
const eventBody = { token: data.viewer.token, videoId: data.viewer.videoId };
const EVENTS = "/api/share-events";

// ── The player ───────────────────────────────────────────────────────────────
const root = document.getElementById("player")!;
const markerBar = document.querySelector<HTMLElement>('[data-testid="marker-bar"]');
let urls: MediaUrls = data.playback;
/** When the URLs in hand were signed (this browser's clock; the page's were signed just before it loaded). */
let signedAt = Date.now();
const originalDecodable = canDecode(urls.original.type);
let selected: string | null = null;
let noPicture: string | null = null;
let withdrawn = false;
let resumeAt: { time: number; play: boolean } | null = null;
let reported = false;
let video: HTMLVideoElement | null = null;
let stopProgress: (() => void) | null = null;
const overlay = h("div", { class: "pointer-events-none absolute left-0 top-0 aspect-video w-full" });
const extras = h("div");

const renewal = new MediaUrlRenewal(eventBody, {
  fresh: (next, at) => {
    urls = next;
    signedAt = at;
    render();
    // A <source> change alone does nothing: reload where the viewer was.
    if (video) {
      resumeAt = { time: video.currentTime, play: !video.paused };
      video.load();
    }
  },
  withdrawn: () => {
    withdrawn = true;
    render();
  },
});

const sources = () => playerSources(urls.renditions, originalSource(urls.original, text.original), originalDecodable);
const current = (): PlayerSource | null => (selected ? (sources().find((s) => s.name === selected) ?? null) : null);

function choose() {
  if (selected) return;
  selected =
    firstChoice(urls.renditions, originalSource(urls.original, text.original), originalDecodable, isLargeScreen(window))?.name ?? null;
}

function switchTo(name: string) {
  if (!sources().some((s) => s.name === name)) return;
  if (video) resumeAt = { time: video.currentTime, play: !video.paused };
  noPicture = null;
  selected = name;
  render();
}

function dropVideo() {
  stopProgress?.();
  stopProgress = null;
  video = null;
}

function render() {
  choose();
  const source = current();
  const started = true;
  if (cannotPlay({ noPicture, started, selected: source, renditions: urls.renditions, originalDecodable, preparing: urls.preparing })) {
    dropVideo();
    const fallback = pictureFallback(urls.renditions, noPicture);
    const button = fallback
      ? h(
          "button",
          { type: "button", "data-testid": "play-rendition", class: "mt-3 rounded-lg bg-white px-4 py-2 font-semibold text-zinc-900" },
          fillSlot(text.playRendition, fallback.label),
        )
      : null;
    button?.addEventListener("click", () => switchTo(fallback!.name));
    root.replaceChildren(
      h(
        "div",
        { role: "alert", "data-testid": "cannot-play", class: "rounded-xl bg-zinc-900 p-6 text-center text-white" },
        h("p", { class: "font-semibold" }, text.noPicture),
        h("p", { class: "mt-1 text-sm text-zinc-300" }, `${text.hevc} ${fallback ? text.tryRendition : text.tryDownload}`),
        button,
      ),
    );
    showMarkers();
    return;
  }
  if (!source) {
    dropVideo();
    root.replaceChildren(
      h(
        "div",
        { "data-testid": "preparing", class: "relative aspect-video w-full overflow-hidden rounded-xl bg-zinc-900 text-white" },
        urls.poster ? h("img", { src: urls.poster, alt: "", class: "absolute inset-0 h-full w-full object-cover opacity-40" }) : null,
        h(
          "div",
          { class: "relative flex h-full flex-col items-center justify-center p-6 text-center" },
          h("p", { class: "font-semibold" }, urls.preparing ? text.preparing : text.loading),
          h("p", { class: "mt-1 text-sm text-zinc-300" }, text.downloadMeanwhile),
        ),
      ),
    );
    showMarkers();
    return;
  }
  if (video?.dataset.source !== source.name) {
    dropVideo();
    video = newVideo(source);
    root.replaceChildren(h("div", { class: "relative" }, video, overlay, markerBar, extras));
  } else {
    const s = video.querySelector("source")!;
    if (s.getAttribute("src") !== source.url) s.setAttribute("src", source.url);
    if (urls.poster) video.poster = urls.poster;
  }
  renderExtras(source);
  showMarkers();
}

function newVideo(source: PlayerSource): HTMLVideoElement {
  const v = h("video", {
    "data-testid": "player",
    "data-source": source.name,
    controls: true,
    playsinline: true,
    preload: "metadata",
    poster: urls.poster,
    class: "aspect-video w-full rounded-xl bg-black",
  });
  const failed = () => {
    if (!renewal.recover()) {
      noPicture = source.name;
      render();
    }
  };
  const s = h("source", { src: source.url, type: sourceType(source.type) });
  s.addEventListener("error", failed);
  v.append(s);
  v.addEventListener("error", failed);
  v.addEventListener("loadstart", () => {
    const ttl = urls.urlsExpireInSeconds * 1000;
    renewal.loadStarted(signedAt + ttl, ttl);
  });
  v.addEventListener("durationchange", () => renewal.loadWorked());
  v.addEventListener("loadedmetadata", () => {
    // Sound without picture: the decoder is missing, and the browser says nothing.
    if (v.videoWidth === 0) {
      noPicture = source.name;
      render();
      return;
    }
    const resume = resumeAt;
    resumeAt = null;
    if (resume) {
      v.currentTime = resume.time;
      if (resume.play) void v.play().catch(() => {});
    }
  });
  v.addEventListener("playing", () => {
    if (reported || v.videoWidth === 0) return;
    reported = true;
    sendEvent(EVENTS, { ...eventBody, kind: "play" });
  });
  stopProgress = trackWatchProgress(v, (slices) => sendEvent(EVENTS, { ...eventBody, kind: "progress", slices }));
  for (const e of ["timeupdate", "seeked", "seeking", "loadedmetadata", "play", "pause", "durationchange"]) v.addEventListener(e, tick);
  return v;
}

/** Under the picture: the withdrawn line, the scrub bar, the quality menu and the "preparing" note. */
function renderExtras(source: PlayerSource) {
  const list = sources();
  let menu: HTMLElement | null = null;
  if (list.length > 1) {
    const select = h(
      "select",
      { "data-testid": "quality", class: "rounded border border-zinc-300 bg-white px-2 py-1" },
      ...list.map((s) => h("option", { value: s.name, selected: s.name === source.name }, s.label)),
    );
    select.value = source.name;
    select.addEventListener("change", () => switchTo(select.value));
    menu = h("label", { class: "flex items-center gap-2" }, text.quality, select);
  }
  const parts: Child[] = [
    withdrawn ? h("p", { role: "alert", "data-testid": "withdrawn", class: "mt-2 text-sm text-amber-700" }, text.withdrawn) : null,
    urls.storyboard && data.playback.durationSeconds ? scrubber(urls.storyboard, data.playback.durationSeconds) : null,
    h(
      "div",
      { class: "mt-2 flex flex-wrap items-center gap-3 text-sm text-zinc-700" },
      menu,
      urls.preparing && urls.renditions.length === 0
        ? h("span", { "data-testid": "preparing-note", class: "text-amber-700" }, text.preparingNote)
        : null,
    ),
  ];
  extras.replaceChildren(...parts.filter((c): c is Node => !!c));
}

/** Scrub previews: hover (or drag a finger) along the bar to see the storyboard tile; tap to seek. A pointer-only extra. */
function scrubber(s: NonNullable<MediaUrls["storyboard"]>, duration: number) {
  const bar = h("div", { "data-testid": "scrubber", "aria-hidden": "true", class: "relative mt-2 h-3 cursor-pointer rounded bg-zinc-200" });
  const preview = h("div", {
    "data-testid": "scrub-preview",
    class: "pointer-events-none absolute bottom-4 -translate-x-1/2 rounded border border-white shadow",
  });
  const timeAt = (e: MouseEvent) => timeAtPointer(e.clientX, bar.getBoundingClientRect(), duration);
  bar.addEventListener("pointermove", (e) => {
    const tile = storyboardTile(s, timeAt(e), duration);
    Object.assign(preview.style, { ...tile, width: `${tile.width}px`, height: `${tile.height}px` });
    if (!preview.isConnected) bar.append(preview);
  });
  bar.addEventListener("pointerleave", () => preview.remove());
  bar.addEventListener("click", (e) => {
    if (video) video.currentTime = timeAt(e);
  });
  return bar;
}

// While the phone version is being made, look again every 10 s.
const preparingPoll = setInterval(async () => {
  if (!urls.preparing) return clearInterval(preparingPoll);
  try {
    urls = await apiCall<MediaUrls>("POST", "/api/playback", eventBody);
    signedAt = Date.now();
    render();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) clearInterval(preparingPoll);
  }
}, PREPARING_POLL_MS);

// ── Coaching: drawings, markers, the current note, questions ──────────────────
const noteItems = [...document.querySelectorAll<HTMLElement>('[data-testid="note-item"]')];
const markers = [...document.querySelectorAll<HTMLElement>('[data-testid="note-marker"]')];
const askAt = document.querySelector<HTMLElement>('[data-testid="question-at"]');
const form = document.getElementById("ask") as HTMLFormElement | null;
const textarea = document.getElementById("question-text") as HTMLTextAreaElement | null;
const askButton = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
let shownDrawings = "";
let duration = data.playback.durationSeconds;

let shownNote: string | null | undefined;
let shownMoment = "";

/** The clock moved (or the video changed): the current note and marker, the drawings, the question's moment. Writes only what changed. */
function tick() {
  const t = video?.currentTime ?? 0;
  const d = video ? knownDuration(video) : null;
  if (d && d !== duration) {
    duration = d;
    showMarkers();
  }
  const currentId = currentNoteId(data.notes, t);
  if (currentId !== shownNote) {
    shownNote = currentId;
    for (const li of noteItems) {
      const on = li.dataset.note === currentId;
      li.dataset.current = on ? "yes" : "no";
      if (on) li.setAttribute("aria-current", "true");
      else li.removeAttribute("aria-current");
      li.classList.toggle("border-brand", on);
      li.classList.toggle("bg-orange-50", on);
      li.classList.toggle("border-zinc-200", !on);
      li.classList.toggle("bg-white", !on);
    }
    for (const m of markers) {
      const on = m.dataset.note === currentId;
      if (on) m.setAttribute("aria-current", "true");
      else m.removeAttribute("aria-current");
      m.classList.toggle("ring-2", on);
      m.classList.toggle("ring-zinc-900", on);
    }
  }
  const showing = data.notes.filter((n) => n.drawing && inMoment(n, t));
  const key = showing.map((n) => n.id).join(",");
  if (key !== shownDrawings) {
    shownDrawings = key;
    overlay.replaceChildren(...showing.map((n) => drawing(n.drawing!.shapes)));
  }
  const moment = formatMoment(questionMoment(t));
  if (moment !== shownMoment) {
    shownMoment = moment;
    if (askAt) askAt.textContent = moment;
    if (askButton) askButton.textContent = fillSlot(text.askAt, moment);
  }
}

/** The markers under the picture once the duration is known (only with the video on show). */
function showMarkers() {
  if (!markerBar) return;
  markerBar.hidden = !video || !duration;
  if (duration) for (const m of markers) m.style.left = `${percentAlong(Number(m.dataset.at), duration)}%`;
}

/** A note's drawing over the frame: an SVG in the frame's 0..1 coordinates, strokes kept at screen width. */
function drawing(shapes: Shape[]) {
  const box = svg("svg", {
    "data-testid": "note-drawing",
    viewBox: "0 0 1 1",
    preserveAspectRatio: "none",
    "aria-hidden": "true",
    class: "pointer-events-none absolute inset-0 h-full w-full",
  });
  for (const shape of shapes) {
    const common = {
      stroke: COLOR_HEX[shape.color],
      "stroke-width": SHAPE_STROKE_WIDTH,
      fill: "none",
      "vector-effect": "non-scaling-stroke",
      "stroke-linecap": "round",
    };
    const tagged = { "data-color": shape.color };
    if (shape.kind === "arrow") {
      const g = svg("g", { "data-testid": "shape-arrow", ...tagged });
      g.append(
        svg("path", { d: `M${shape.from[0]},${shape.from[1]} L${shape.to[0]},${shape.to[1]}`, ...common }),
        svg("path", { d: arrowHeadPath(shape.from, shape.to), ...common, "stroke-linejoin": "round" }),
      );
      box.append(g);
    } else if (shape.kind === "circle")
      box.append(
        svg("ellipse", {
          "data-testid": "shape-circle",
          ...tagged,
          cx: shape.center[0],
          cy: shape.center[1],
          rx: shape.radius[0],
          ry: shape.radius[1],
          ...common,
        }),
      );
    else
      box.append(
        svg("polyline", {
          "data-testid": "shape-line",
          ...tagged,
          points: shape.points.map((p) => p.join(",")).join(" "),
          ...common,
          "stroke-linejoin": "round",
        }),
      );
  }
  return box;
}

// Pressing a note, a marker or a question's moment seeks there (and pauses, so the drawing stays).
document.addEventListener("click", (e) => {
  const target = (e.target as Element).closest<HTMLElement>("[data-seek]");
  if (!target || !video) return;
  seekAndPause(video, Number(target.dataset.seek), tick);
});

if (form && textarea && askButton) {
  const sent = form.querySelector<HTMLElement>('[data-testid="ask-sent"]')!;
  const error = form.querySelector<HTMLElement>('[data-testid="ask-error"]')!;
  let busy = false;
  const sync = () => {
    askButton.disabled = busy || !textarea.value.trim();
  };
  textarea.addEventListener("input", () => {
    sent.hidden = true;
    sync();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    busy = true;
    sync();
    error.hidden = true;
    const atSeconds = questionMoment(video?.currentTime ?? 0);
    try {
      const { question } = await apiCall<{ question: { atSeconds: number; text: string } }>("POST", "/api/questions", {
        ...eventBody,
        atSeconds,
        text: textarea.value,
      });
      textarea.value = "";
      sent.textContent = text.sent;
      sent.hidden = false;
      addQuestion(question.atSeconds, question.text);
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.message : text.sendFailed;
      error.hidden = false;
    } finally {
      busy = false;
      sync();
    }
  });
}

/** The question just asked, at the end of the thread list (the server's own template). */
function addQuestion(atSeconds: number, body: string) {
  const list = document.getElementById("questions")!;
  const template = document.getElementById("question-template") as HTMLTemplateElement;
  const li = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  const [moment, who, said] = li.querySelectorAll<HTMLElement>("button, span");
  moment.dataset.seek = String(atSeconds);
  moment.textContent = formatMoment(atSeconds);
  who.textContent = `${text.you}:`;
  said.textContent = body;
  list.append(li);
  list.hidden = false;
}

// ── The expiry line in the reader's time zone ─────────────────────────────────
for (const el of document.querySelectorAll<HTMLTimeElement>("time[data-local]"))
  el.textContent = formatInstant(new Date(el.dateTime), el.dataset.local as InstantStyle, undefined, data.locale);

render();
tick();
