"use client";
// Trainer's per-student and per-video actions. Each calls its API route and
// refreshes the dashboard; errors are shown next to the buttons.
import { useState } from "react";
import { ConfirmedDeleteButton, useApiAction } from "./api-action";
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

export function ShareActions({ shareId, revoked, email }: { shareId: string; revoked: boolean; email: string }) {
  const { busy, error, run } = useApiAction();
  const [days, setDays] = useState(14);
  const post = (action: "revoke" | "extend" | "resend", body?: unknown) =>
    run(() => apiCall("POST", `/api/shares/${shareId}/${action}`, body));
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {!revoked && (
        <ActionButton busy={busy} onClick={() => post("revoke")} label={`Revoke link for ${email}`}>
          Revoke
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
        <ActionButton busy={busy} onClick={() => post("extend", { days })} label={`Extend link for ${email}`}>
          {revoked ? "Restore" : "Extend"}
        </ActionButton>
      </span>
      <ActionButton
        busy={busy}
        onClick={() => post("resend")}
        label={`Resend link to ${email}`}
        title="Sends a new link; the old one stops working"
      >
        Resend
      </ActionButton>
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
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
