"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestMagicLink, signInWithPassword, signInWithSecondFactor, signOutAction, type FormState } from "@/lib/auth/sign-in-actions";
import { fieldClass } from "./uploader/field";
import { uploadStore } from "./uploader/upload-store";

const button = "mt-4 w-full rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";

interface ActionFormProps {
  serverAction: (prev: FormState, form: FormData) => Promise<FormState>;
  label: string;
  submit: string;
  pendingSubmit: string;
  /** The fields; gets the last answer, so a failed attempt can keep what was typed. */
  children: (state: FormState) => React.ReactNode;
}

/** A form bound to a server action: its fields, the action's error under them, a submit button that says it is working. */
function ActionForm({ serverAction, label, submit, pendingSubmit, children }: ActionFormProps) {
  const [state, action, pending] = useActionState(serverAction, {});
  return (
    <form action={action} className="mt-4" aria-label={label}>
      {children(state)}
      {state.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className={button}>
        {pending ? pendingSubmit : submit}
      </button>
    </form>
  );
}

function Field({ label, first, ...props }: { label: string; first?: boolean } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={`${first ? "" : "mt-3 "}block text-sm font-medium`}>
      {label}
      <input required className={fieldClass} {...props} />
    </label>
  );
}

export function PasswordForm() {
  const t = useTranslations("signIn");
  return (
    <ActionForm serverAction={signInWithPassword} label={t("passwordForm")} submit={t("submit")} pendingSubmit={t("submitting")}>
      {(state) => (
        <>
          <Field first label={t("email")} name="email" type="email" autoComplete="email" defaultValue={state.email} />
          <Field label={t("password")} name="password" type="password" autoComplete="current-password" />
        </>
      )}
    </ActionForm>
  );
}

export function SecondFactorForm() {
  const t = useTranslations("signIn");
  return (
    <ActionForm serverAction={signInWithSecondFactor} label={t("codeForm")} submit={t("continue")} pendingSubmit={t("checking")}>
      {() => <Field first label={t("code")} name="code" autoComplete="one-time-code" inputMode="text" autoFocus maxLength={64} />}
    </ActionForm>
  );
}

export function MagicLinkForm() {
  const t = useTranslations("signIn");
  return (
    <ActionForm serverAction={requestMagicLink} label={t("magicLink")} submit={t("magicLink")} pendingSubmit={t("sending")}>
      {(state) => <Field first label={t("email")} name="email" type="email" autoComplete="email" defaultValue={state.email} />}
    </ActionForm>
  );
}

export function SignOutButton() {
  const t = useTranslations("signIn");
  // Signing out mid-upload would leave the upload unable to finish (its requests need the session): ask first.
  const confirmIfUploading = (e: React.FormEvent) => {
    if (uploadStore.getSnapshot().running && !window.confirm(t("signOutWhileUploading"))) e.preventDefault();
  };
  return (
    <form action={signOutAction} onSubmit={confirmIfUploading}>
      <button type="submit" className="text-zinc-600 underline hover:text-zinc-900">
        {t("signOut")}
      </button>
    </form>
  );
}
