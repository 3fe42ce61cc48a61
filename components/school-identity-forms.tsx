"use client";
// The school identity page's two forms: name + reply-to (one PATCH), and the logo, which
// the browser sends straight to the bucket (a presigned POST S3 checks), then asks the
// server to check and keep it.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { isLogoType, LOGO_MAX_BYTES } from "@/lib/schools/logo-rules";
import { apiCall, postForm } from "./api-client";

const input = "mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2";
const button = "rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50";

export function SchoolIdentityForm({ name, replyTo }: { name: string; replyTo: string }) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hintId = useId();
  return (
    <form
      aria-label={t("identityForm")}
      className="mt-6 space-y-4 rounded-xl border border-zinc-200 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        setMessage(null);
        try {
          await apiCall("PATCH", "/api/school/identity", { name: form.get("name"), replyTo: form.get("replyTo") });
          setMessage({ ok: true, text: t("saved") });
          router.refresh();
        } catch (err) {
          setMessage({ ok: false, text: (err as Error).message });
        } finally {
          setBusy(false);
        }
      }}
    >
      <label className="block font-medium">
        {t("name")}
        <input name="name" defaultValue={name} required maxLength={120} className={input} />
      </label>
      <label className="block font-medium">
        {t("replyTo")}
        <input name="replyTo" type="email" defaultValue={replyTo} aria-describedby={hintId} className={input} />
      </label>
      <p id={hintId} className="text-sm text-zinc-600">
        {t("replyToHint")}
      </p>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} className={button}>
          {busy ? t("saving") : t("save")}
        </button>
        {message && (
          <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-green-800" : "text-red-700"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

export function SchoolLogoForm({ logoSrc }: { logoSrc: string | null }) {
  const t = useTranslations("school");
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<"uploading" | "removing" | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (what: "uploading" | "removing", fn: () => Promise<string>) => {
    setBusy(what);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await fn() });
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  const upload = (file: File) => {
    // Said here before any upload; S3 (the POST policy) and the server check it again.
    if (!isLogoType(file.type)) return setMessage({ ok: false, text: t("logoWrongType") });
    if (file.size > LOGO_MAX_BYTES) return setMessage({ ok: false, text: t("logoTooBig") });
    void run("uploading", async () => {
      const { key, upload } = await apiCall<{ key: string; upload: { url: string; fields: Record<string, string> } }>(
        "POST",
        "/api/school/logo",
        { contentType: file.type, size: file.size },
      );
      await postForm(upload, file);
      await apiCall("PUT", "/api/school/logo", { key });
      return t("logoSaved");
    });
  };

  return (
    <section aria-labelledby="school-logo" className="mt-6 space-y-3 rounded-xl border border-zinc-200 bg-white p-4">
      <h2 id="school-logo" className="text-lg font-semibold">
        {t("logo")}
      </h2>
      <p className="text-sm text-zinc-600">{t("logoHint")}</p>
      {logoSrc ? (
        // eslint-disable-next-line @next/next/no-img-element -- the logo route redirects to a signed bucket URL
        <img src={logoSrc} alt={t("currentLogo")} className="h-12 max-w-48 object-contain" data-testid="school-logo-preview" />
      ) : (
        <p className="text-sm text-zinc-700">{t("noLogo")}</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label className="font-medium">
          {t("logoFile")}
          <input
            ref={fileRef}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={busy !== null}
            className="mt-1 block text-sm"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) upload(file);
            }}
          />
        </label>
        {logoSrc && (
          <button
            type="button"
            disabled={busy !== null}
            className="text-red-700 underline disabled:opacity-50"
            onClick={() => {
              if (confirm(t("removeLogoQuestion")))
                void run("removing", async () => {
                  await apiCall("DELETE", "/api/school/logo");
                  return t("logoRemoved");
                });
            }}
          >
            {t("removeLogo")}
          </button>
        )}
      </div>
      {busy === "uploading" && <p role="status">{t("uploading")}</p>}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-green-800" : "text-red-700"}>
          {message.text}
        </p>
      )}
    </section>
  );
}
