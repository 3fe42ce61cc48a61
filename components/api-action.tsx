"use client";
// Buttons that call one API route: busy while it runs, the server's message shown
// next to them when it fails, the page's server data refreshed when it succeeds.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiCall } from "./api-client";

export function useApiAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The error itself, for a form that words it in the reader's language (its code, its status).
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      await fn();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, failure, run };
}

/** A red button that asks first, then sends DELETE to `url`. */
export function ConfirmedDeleteButton({
  url,
  label,
  question,
  className = "",
}: {
  url: string;
  label: string;
  question: string;
  className?: string;
}) {
  const { busy, error, run } = useApiAction();
  return (
    <>
      <button
        type="button"
        disabled={busy}
        className={`${className} text-red-700 underline disabled:opacity-50`}
        onClick={() => {
          if (confirm(question)) void run(() => apiCall("DELETE", url));
        }}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className={`${className} text-red-700`}>
          {error}
        </span>
      )}
    </>
  );
}

/** What happened after a press: the outcome announced to screen readers, a problem as an alert. */
export function Feedback({ done, problem, tone = "ok" }: { done: string | null; problem: string | null; tone?: "ok" | "warn" }) {
  return (
    <>
      {done && (
        <span role="status" className={`text-sm ${tone === "warn" ? "text-amber-800" : "text-green-800"}`}>
          {done}
        </span>
      )}
      {problem && (
        <span role="alert" className="text-sm text-red-700">
          {problem}
        </span>
      )}
    </>
  );
}
