import { SiteHeader } from "@/components/site-header";

export const metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <h1 className="text-2xl font-bold">Check your email</h1>
        <p className="mt-2 text-zinc-700">
          If that address can sign in, a sign-in link is on its way. It works once and expires in 15 minutes.
        </p>
      </main>
    </>
  );
}
