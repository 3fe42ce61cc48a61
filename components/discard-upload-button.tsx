"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function DiscardUploadButton({ videoId, title }: { videoId: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="text-red-700 underline disabled:opacity-50"
      onClick={async () => {
        if (!confirm(`Discard the unfinished upload of “${title}”?`)) return;
        setBusy(true);
        await fetch(`/api/uploads/${videoId}`, { method: "DELETE" });
        router.refresh();
      }}
    >
      Discard
    </button>
  );
}
