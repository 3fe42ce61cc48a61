"use client";
// Trainer's per-student and per-video actions. Each calls its API route and
// refreshes the dashboard; errors are shown next to the buttons.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmedDeleteButton, Feedback, useApiAction } from "./api-action";
import { apiCall } from "./api-client";

function ActionButton({
  busy,
  onClick,
  label,
  title,
  children,
}: {
  busy: boolean;
  onClick: () => void;
  label: string;
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <button type="button" disabled={busy} className="underline disabled:opacity-50" onClick={onClick} aria-label={label} title={title}>
      {children}
    </button>
  );
}

/**
 * A student's link: remove (revoke), extend by N days (only ever later), set an end date, expire now, resend.
 * Past the videos' deletion the end is held to it unless "keep the videos longer" is ticked.
 */
export function ShareActions({ shareId, revoked, email }: { shareId: string; revoked: boolean; email: string }) {
  const t = useTranslations("shareActions");
  const { busy, error, run } = useApiAction();
  const [days, setDays] = useState(7);
  const [until, setUntil] = useState("");
  const [keepLonger, setKeepLonger] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const post = (action: string, body?: unknown) =>
    run(async () => {
      setNote(null);
      const r = await apiCall<{ expiresAt?: string; heldToRetention?: boolean }>("POST", `/api/shares/${shareId}/${action}`, body);
      if (r?.heldToRetention && r.expiresAt) setNote(t("held", { date: r.expiresAt.slice(0, 10) }));
    });
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {!revoked && (
        <ActionButton busy={busy} onClick={() => post("revoke")} label={t("revokeLabel", { email })} title={t("revokeTitle")}>
          {t("revoke")}
        </ActionButton>
      )}
      <span className="inline-flex items-center gap-1">
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          aria-label={t("daysLabel", { email })}
          className="rounded border border-zinc-300 px-1 py-0.5"
        >
          {[1, 3, 7, 14, 30].map((d) => (
            <option key={d} value={d}>
              {t("days", { d })}
            </option>
          ))}
        </select>
        <ActionButton
          busy={busy}
          onClick={() => post("expiry", { action: "extend", days, keepLonger })}
          label={t("extendLabel", { email })}
          title={t("extendTitle")}
        >
          {revoked ? t("restore") : t("extend")}
        </ActionButton>
      </span>
      <span className="inline-flex items-center gap-1">
        <input
          type="date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          aria-label={t("endDateLabel", { email })}
          className="rounded border border-zinc-300 px-1 py-0.5"
        />
        <ActionButton
          busy={busy || !until}
          onClick={() => post("expiry", { action: "until", until, keepLonger })}
          label={t("setEndLabel", { email })}
        >
          {t("setEnd")}
        </ActionButton>
      </span>
      <label className="inline-flex items-center gap-1">
        <input type="checkbox" checked={keepLonger} onChange={(e) => setKeepLonger(e.target.checked)} />
        {t("keepLonger")}
      </label>
      {!revoked && (
        <ActionButton busy={busy} onClick={() => post("expiry", { action: "expire" })} label={t("expireLabel", { email })}>
          {t("expire")}
        </ActionButton>
      )}
      <ActionButton busy={busy} onClick={() => post("resend")} label={t("resendLabel", { email })} title={t("resendTitle")}>
        {t("resend")}
      </ActionButton>
      <Feedback done={note} problem={error} tone="warn" />
    </div>
  );
}

export function DeleteVideoButton({ videoId, title }: { videoId: string; title: string }) {
  const t = useTranslations("shareActions");
  return (
    <ConfirmedDeleteButton
      url={`/api/videos/${videoId}`}
      label={t("deleteVideo")}
      question={t("deleteQuestion", { title })}
      className="text-sm"
    />
  );
}

/** The per-student page's "Resend everything": a fresh link to each of their sessions. */
export function ResendEverythingButton({ email }: { email: string }) {
  const t = useTranslations("shareActions");
  const { busy, error, run } = useApiAction();
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <button
        type="button"
        disabled={busy}
        className="rounded-lg bg-brand px-3 py-1.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
        title={t("resendAllTitle")}
        onClick={() =>
          run(async () => {
            const r = await apiCall<{ resent: number; skipped: number }>("POST", `/api/students/${encodeURIComponent(email)}/resend`);
            setNote(t("resentAll", { sent: r.resent, skipped: r.skipped }));
          })
        }
      >
        {t("resendAll")}
      </button>
      <Feedback done={note} problem={error} />
    </div>
  );
}

/** The dashboard's switch for the daily digest email. */
export function DigestSwitch({ on }: { on: boolean }) {
  const t = useTranslations("shareActions");
  const { busy, error, run } = useApiAction();
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={on}
        disabled={busy}
        onChange={(e) => run(() => apiCall("PUT", "/api/trainer/digest", { on: e.target.checked }))}
      />
      {t("digest")}
      <Feedback done={null} problem={error} />
    </label>
  );
}
