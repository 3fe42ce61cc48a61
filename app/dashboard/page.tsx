import { redirect } from "next/navigation";
import { currentUser, isTrainer } from "@/lib/auth/session";

// Where sign-in lands: each role has its own home.
export default async function DashboardRedirect() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  redirect(isTrainer(user) ? "/trainer" : "/student");
}
