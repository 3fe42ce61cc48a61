"use client";
// The last resort, when even the root layout fails. It replaces the whole document,
// so it cannot rely on globals.css: the few styles it needs are inline.
import { useEffect } from "react";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, padding: "4rem 1rem", textAlign: "center", color: "#18181b" }}>
        <title>Something went wrong · ApexShare</title>
        <h1 style={{ fontSize: "1.5rem" }}>Something went wrong on our side</h1>
        <p style={{ color: "#3f3f46" }}>ApexShare could not load this page just now. It is usually brief; please try again in a moment.</p>
        <button
          type="button"
          onClick={() => retry()}
          style={{
            marginTop: "1.5rem",
            padding: "0.6rem 1.25rem",
            border: 0,
            borderRadius: "0.5rem",
            background: "#c2410c",
            color: "#fff",
            fontWeight: 600,
            cursor: "pointer",
          }}
        >
          Try again
        </button>
      </body>
    </html>
  );
}
