"use client";
// Trainer's per-student and per-video actions. Each calls its API route and
// refreshes the dashboard; errors are shown next to the buttons.
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
  const { busy, error, run } = useApiAction();
  const [days, setDays] = useState(7);
  const [until, setUntil] = useState("");
  const [keepLonger, setKeepLonger] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const post = (action: string, body?: unknown) =>
    run(async () => {
      setNote(null);
      const r = await apiCall<{ expiresAt?: string; heldToRetention?: boolean }>("POST", `/api/shares/${shareId}/${action}`, body);
      if (r?.heldToRetention && r.expiresAt)
        setNote(
          `Held to ${r.expiresAt.slice(0, 10)}, when this session's videos are deleted. Tick “keep the videos longer” to go past it.`,
        );
    });
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {!revoked && (
        <ActionButton
          busy={busy}
          onClick={() => post("revoke")}
          label={`Revoke link for ${email}`}
          title="Removes the student: the link stops working"
        >
          Revoke link
        </ActionButton>
      )}
      <span className="inline-flex items-center gap-1">
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          aria-label={`Extend days for ${email}`}
          className="rounded border border-zinc-300 px-1 py-0.5"
        >
          {[1, 3, 7, 14, 30].map((d) => (
            <option key={d} value={d}>
              {d} d
            </option>
          ))}
        </select>
        <ActionButton
          busy={busy}
          onClick={() => post("expiry", { action: "extend", days, keepLonger })}
          label={`Extend link for ${email}`}
          title="Adds the days to the link's current end (never shortens it)"
        >
          {revoked ? "Restore" : "Extend"}
        </ActionButton>
      </span>
      <span className="inline-flex items-center gap-1">
        <input
          type="date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
          aria-label={`End date for ${email}`}
          className="rounded border border-zinc-300 px-1 py-0.5"
        />
        <ActionButton
          busy={busy || !until}
          onClick={() => post("expiry", { action: "until", until, keepLonger })}
          label={`Set end date for ${email}`}
        >
          Set end
        </ActionButton>
      </span>
      <label className="inline-flex items-center gap-1">
        <input type="checkbox" checked={keepLonger} onChange={(e) => setKeepLonger(e.target.checked)} />
        keep the videos longer
      </label>
      {!revoked && (
        <ActionButton busy={busy} onClick={() => post("expiry", { action: "expire" })} label={`Expire now: the link for ${email}`}>
          Expire now
        </ActionButton>
      )}
      <ActionButton
        busy={busy}
        onClick={() => post("resend")}
        label={`Resend link to ${email}`}
        title="Sends a new link to the whole session; the old one stops working"
      >
        Resend
      </ActionButton>
      <Feedback done={note} problem={error} tone="warn" />
    </div>
  );
}

export function DeleteVideoButton({ videoId, title }: { videoId: string; title: string }) {
  return (
    <ConfirmedDeleteButton
      url={`/api/videos/${videoId}`}
      label="Delete video"
      question={`Delete “${title}”? The file is removed and every student link stops working.`}
      className="text-sm"
    />
  );
}

/** The per-student page's "Resend everything": a fresh link to each of their sessions. */
export function ResendEverythingButton({ email }: { email: string }) {
  const { busy, error, run } = useApiAction();
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <button
        type="button"
        disabled={busy}
        className="rounded-lg bg-brand px-3 py-1.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
        title="Sends a new link to each session; the old links stop working"
        onClick={() =>
          run(async () => {
            const r = await apiCall<{ resent: number; skipped: number }>("POST", `/api/students/${encodeURIComponent(email)}/resend`);
            setNote(
              `Sent ${r.resent} ${r.resent === 1 ? "email" : "emails"}${r.skipped ? ` (${r.skipped} skipped: no video yet, or just resent)` : ""}.`,
            );
          })
        }
      >
        Resend everything
      </button>
      <Feedback done={note} problem={error} />
    </div>
  );
}

/** The dashboard's switch for the daily digest email. */
export function DigestSwitch({ on }: { on: boolean }) {
  const { busy, error, run } = useApiAction();
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={on}
        disabled={busy}
        onChange={(e) => run(() => apiCall("PUT", "/api/trainer/digest", { on: e.target.checked }))}
      />
      Email me a daily digest (who watched or downloaded what, and bounced emails)
      <Feedback done={null} problem={error} />
    </label>
  );
}
