import Link from "next/link";
import { notFound } from "next/navigation";
import { devMailboxEnabled, listDevMailbox } from "@/lib/email/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev mailbox" };

export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const messages = await listDevMailbox();
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600">Every email the app sends while running locally lands here. Not present in production.</p>
      {messages.length === 0 ? (
        <p className="mt-6 text-zinc-700">No emails yet.</p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead>
            <tr className="border-b text-zinc-500">
              <th className="py-2">To</th>
              <th>Subject</th>
              <th>Received</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} className="border-b" data-testid="mailbox-row">
                <td className="py-2 pr-3">{m.to}</td>
                <td className="pr-3">
                  <Link href={`/dev/mailbox/${m.id}`} className="text-brand underline">
                    {m.subject}
                  </Link>
                </td>
                <td className="whitespace-nowrap text-zinc-600">{m.receivedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
