"use client";
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
  return (
    <ActionForm serverAction={signInWithPassword} label="Trainer sign-in" submit="Sign in" pendingSubmit="Signing in…">
      {(state) => (
        <>
          <Field first label="Email" name="email" type="email" autoComplete="email" defaultValue={state.email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" />
        </>
      )}
    </ActionForm>
  );
}

export function SecondFactorForm() {
  return (
    <ActionForm serverAction={signInWithSecondFactor} label="Sign-in code" submit="Continue" pendingSubmit="Checking…">
      {() => <Field first label="Code" name="code" autoComplete="one-time-code" inputMode="text" autoFocus maxLength={64} />}
    </ActionForm>
  );
}

export function MagicLinkForm() {
  return (
    <ActionForm serverAction={requestMagicLink} label="Email me a sign-in link" submit="Email me a sign-in link" pendingSubmit="Sending…">
      {(state) => <Field first label="Email" name="email" type="email" autoComplete="email" defaultValue={state.email} />}
    </ActionForm>
  );
}

export function SignOutButton() {
  // Signing out mid-upload would leave the upload unable to finish (its requests need the session): ask first.
  const confirmIfUploading = (e: React.FormEvent) => {
    if (uploadStore.getSnapshot().running && !window.confirm("An upload is still running in this tab. Sign out and stop it?"))
      e.preventDefault();
  };
  return (
    <form action={signOutAction} onSubmit={confirmIfUploading}>
      <button type="submit" className="text-zinc-600 underline hover:text-zinc-900">
        Sign out
      </button>
    </form>
  );
}
