"use client";
import { useActionState } from "react";
import { requestMagicLink, signInWithPassword, signOutAction, type FormState } from "@/lib/auth/sign-in-actions";

const input = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-base focus:border-brand focus:outline-none";
const button = "mt-4 w-full rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";

interface ActionFormProps {
  serverAction: (prev: FormState, form: FormData) => Promise<FormState>;
  label: string;
  submit: string;
  pendingSubmit: string;
  children: React.ReactNode;
}

/** A form bound to a server action: its fields, the action's error under them, a submit button that says it is working. */
function ActionForm({ serverAction, label, submit, pendingSubmit, children }: ActionFormProps) {
  const [state, action, pending] = useActionState(serverAction, {});
  return (
    <form action={action} className="mt-4" aria-label={label}>
      {children}
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
      <input required className={input} {...props} />
    </label>
  );
}

export function PasswordForm() {
  return (
    <ActionForm serverAction={signInWithPassword} label="Trainer sign-in" submit="Sign in" pendingSubmit="Signing in…">
      <Field first label="Email" name="email" type="email" autoComplete="email" />
      <Field label="Password" name="password" type="password" autoComplete="current-password" />
    </ActionForm>
  );
}

export function MagicLinkForm() {
  return (
    <ActionForm serverAction={requestMagicLink} label="Email me a sign-in link" submit="Email me a sign-in link" pendingSubmit="Sending…">
      <Field first label="Email" name="email" type="email" autoComplete="email" />
    </ActionForm>
  );
}

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="text-zinc-600 underline hover:text-zinc-900">
        Sign out
      </button>
    </form>
  );
}
