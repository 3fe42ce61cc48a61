"use client";
// Trainer's per-student and per-video actions. Each calls its API route and
// refreshes the dashboard; errors are shown next to the buttons.
import { useState } from "react";
import { ConfirmedDeleteButton, useApiAction } from "./api-action";
import { apiCall } from "./api-client";

export function ShareActions({ shareId, revoked, email }: { shareId: string; revoked: boolean; email: string }) {
  const { busy, error, run } = useApiAction();
  const [days, setDays] = useState(14);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {!revoked && (
        <button
          type="button"
          disabled={busy}
          className="underline disabled:opacity-50"
          onClick={() => run(() => apiCall("POST", `/api/shares/${shareId}/revoke`))}
          aria-label={`Revoke link for ${email}`}
        >
          Revoke
        </button>
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
        <button
          type="button"
          disabled={busy}
          className="underline disabled:opacity-50"
          onClick={() => run(() => apiCall("POST", `/api/shares/${shareId}/extend`, { days }))}
          aria-label={`Extend link for ${email}`}
        >
          {revoked ? "Restore" : "Extend"}
        </button>
      </span>
      <button
        type="button"
        disabled={busy}
        className="underline disabled:opacity-50"
        onClick={() => run(() => apiCall("POST", `/api/shares/${shareId}/resend`))}
        aria-label={`Resend link to ${email}`}
        title="Sends a new link; the old one stops working"
      >
        Resend
      </button>
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
