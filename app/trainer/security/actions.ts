"use server";
import { getDb } from "@/lib/database";
import { signOut } from "@/lib/auth";
import { changePassword, signOutEverywhere } from "@/lib/auth/accounts";
import { requireTrainer } from "@/lib/auth/session";
import { ApiError } from "@/lib/http";

export interface SecurityFormState {
  error?: string;
  done?: string;
}

/** Ends every session of this trainer, this browser's included. */
export async function signOutAllDevices() {
  const trainer = await requireTrainer();
  await signOutEverywhere(await getDb(), trainer.id);
  await signOut({ redirectTo: "/signin" });
}

export async function changePasswordAction(_prev: SecurityFormState, form: FormData): Promise<SecurityFormState> {
  const trainer = await requireTrainer();
  try {
    await changePassword(await getDb(), trainer.id, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  // The change ended every session, this one too: sign in again with the new password.
  await signOut({ redirectTo: "/signin" });
  return {};
}
