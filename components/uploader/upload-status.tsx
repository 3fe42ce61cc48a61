"use client";
// Uploads this tab is sending, on every trainer page: a live line under the header
// (not on the upload page, which shows the full queue), a screen-reader announcement
// every 10 % or on a change of state (at most one per 10 s while progressing), and a
// question before an app link takes the trainer off the upload page mid-upload.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { formatBytes } from "@/lib/uploads/rules";
import { formatDuration } from "./format";
import { uploadStore, type UploadsView } from "./upload-store";
import { queueTotals, useUploads } from "./use-upload-queue";
import { screenKeptOn } from "./wake-lock";

export const UPLOAD_PAGE = "/trainer/upload";
const ANNOUNCE_STEP_PERCENT = 10;
const ANNOUNCE_MIN_GAP_MS = 10_000;
const MOVING = new Set(["queued", "preparing", "uploading", "completing"]);

type T = ReturnType<typeof useTranslations<"uploadStatus">>;

/** The one-line summary: what is happening, how far, how long. */
function summary(v: UploadsView, t: T): { text: string; percent: number; phase: string } | null {
  const live = v.snapshots.filter((s) => s.state !== "canceled" && s.state !== "done");
  if (live.length === 0) return null;
  const totals = queueTotals(live);
  const percent = totals.size ? Math.floor((totals.sent / totals.size) * 100) : 0;
  const failed = live.filter((s) => s.state === "error").length;
  const what = t("what", { count: live.length, file: live[0].fileName });
  if (v.offline) return { text: t("offline", { what, percent }), percent, phase: "offline" };
  if (!v.running && failed) return { text: t("stopped", { what, failed }), percent, phase: "error" };
  if (!v.running) return { text: t("paused", { what, percent }), percent, phase: "paused" };
  const sizes = { what, percent, sent: formatBytes(totals.sent), size: formatBytes(totals.size) };
  const text =
    totals.bps > 0
      ? t("uploadingLeft", { ...sizes, time: formatDuration((totals.size - totals.sent) / totals.bps) })
      : t("uploading", sizes);
  return { text, percent, phase: "uploading" };
}

/** Asks before an app link or the Back button leaves the upload page while something uploads (the browser asks on reload/close: upload-store). */
function useLeaveGuard(onUploadPage: boolean, question: string) {
  useEffect(() => {
    if (!onUploadPage) return;
    const onClick = (e: MouseEvent) => {
      if (!uploadStore.getSnapshot().running || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
        return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return; // other sites: beforeunload asks
      if (window.confirm(question)) return;
      // Captured on the document, before React (and next/link) see the click.
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [onUploadPage, question]);

  // The Back button: a popstate cannot be cancelled, so while an upload runs the upload page stands on a second
  // history entry for itself (the router's own state, copied). Back lands on the first one — same URL, nothing
  // changes — and then we ask: leaving goes back once more; staying puts the guard entry back.
  useEffect(() => {
    if (!onUploadPage) return;
    let guarded = false;
    const arm = () => {
      if (guarded || !uploadStore.getSnapshot().running) return;
      history.pushState(history.state, "", location.href);
      guarded = true;
    };
    const onPopState = () => {
      if (!guarded) return;
      guarded = false;
      if (uploadStore.getSnapshot().running && !window.confirm(question)) arm();
      else history.back();
    };
    arm();
    const unsubscribe = uploadStore.subscribe(arm);
    window.addEventListener("popstate", onPopState);
    return () => {
      unsubscribe();
      window.removeEventListener("popstate", onPopState);
    };
  }, [onUploadPage, question]);
}

/** What a screen reader hears: at most every 10 s and every 10 %, but a change of phase (offline, done, failed) at once. */
function useAnnouncement(s: ReturnType<typeof summary>, doneCount: number, t: T): string {
  const [message, setMessage] = useState("");
  const last = useRef({ at: 0, step: -1, phase: "", done: doneCount });
  useEffect(() => {
    const prev = last.current;
    const now = Date.now();
    let next: string | null = null;
    if (doneCount > prev.done) next = doneCount - prev.done === 1 ? t("finishedOne") : t("finishedMany");
    else if (s && s.phase !== prev.phase) next = s.text;
    else if (s && Math.floor(s.percent / ANNOUNCE_STEP_PERCENT) !== prev.step && now - prev.at >= ANNOUNCE_MIN_GAP_MS) next = s.text;
    if (next === null) return;
    last.current = { at: now, step: s ? Math.floor(s.percent / ANNOUNCE_STEP_PERCENT) : -1, phase: s?.phase ?? "", done: doneCount };
    setMessage(next);
  }, [s, doneCount, t]);
  return message;
}

export function UploadStatus() {
  const view = useUploads();
  const pathname = usePathname();
  const onUploadPage = pathname === UPLOAD_PAGE;
  const t = useTranslations("uploadStatus");
  useLeaveGuard(onUploadPage, t("leaveQuestion"));
  const s = summary(view, t);
  const doneCount = view.snapshots.filter((x) => x.state === "done").length;
  const announcement = useAnnouncement(s, doneCount, t);
  // Finished uploads change what the server shows (the dashboard's rows, the upload page's unfinished list and
  // known students): fetch it again once nothing is moving any more — once per upload action, not once per
  // file (each refresh is a server render of the page).
  const router = useRouter();
  const seenDone = useRef(doneCount);
  const moving = view.snapshots.some((x) => MOVING.has(x.state));
  useEffect(() => {
    if (doneCount < seenDone.current) seenDone.current = doneCount; // finished jobs were cleared from the list
    if (moving || doneCount === seenDone.current) return;
    router.refresh();
    seenDone.current = doneCount;
  }, [doneCount, moving, router]);
  // Always rendered: a live region must exist before its text changes for screen readers to announce it.
  return (
    <section aria-label={t("region")}>
      <p aria-live="polite" className="sr-only" data-testid="upload-announcement">
        {announcement}
      </p>
      {s && !onUploadPage && (
        <div
          data-testid="upload-status"
          data-phase={s.phase}
          data-screen-on={screenKeptOn() ? "yes" : "no"}
          className={`border-b text-sm ${s.phase === "offline" || s.phase === "error" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-orange-200 bg-orange-50 text-zinc-900"}`}
        >
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
            <span className="min-w-0 flex-1">{s.text}</span>
            <div
              role="progressbar"
              aria-label={t("progress")}
              aria-valuenow={s.percent}
              aria-valuemin={0}
              aria-valuemax={100}
              className="h-2 w-32 overflow-hidden rounded bg-zinc-200"
            >
              <div className="h-full bg-brand" style={{ width: `${s.percent}%` }} />
            </div>
            <Link href={UPLOAD_PAGE} className="font-medium text-brand-dark underline">
              {t("open")}
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}
