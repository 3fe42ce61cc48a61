"use client";
import { useActionState } from "react";
import { requestMagicLink, signInWithPassword, type FormState } from "@/app/signin/actions";

const input = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-base focus:border-brand focus:outline-none";
const button = "mt-4 w-full rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";

function FormError({ state }: { state: FormState }) {
  return state.error ? (
    <p role="alert" className="mt-3 text-sm text-red-700">
      {state.error}
    </p>
  ) : null;
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(signInWithPassword, {});
  return (
    <form action={action} className="mt-4" aria-label="Trainer sign-in">
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" required className={input} />
      </label>
      <label className="mt-3 block text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      <FormError state={state} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function MagicLinkForm() {
  const [state, action, pending] = useActionState(requestMagicLink, {});
  return (
    <form action={action} className="mt-4" aria-label="Email me a sign-in link">
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" required className={input} />
      </label>
      <FormError state={state} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}

export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <button type="submit" className="text-zinc-600 underline hover:text-zinc-900">
        Sign out
      </button>
    </form>
  );
}
