"use client";
// Shown when a page fails to render: most often a backing service (the database) is
// briefly unreachable. The server's message is not shown (production hides it anyway).
import { useEffect } from "react";
import { SiteHeader } from "@/components/site-header";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <h1 className="text-2xl font-bold">Something went wrong on our side</h1>
        <p className="mt-2 text-zinc-700">
          This page could not be loaded just now. It is usually brief — a service we depend on may be restarting. Your uploads and links are
          safe.
        </p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-6 rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark"
        >
          Try again
        </button>
      </main>
    </>
  );
}
