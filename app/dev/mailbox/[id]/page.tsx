import Link from "next/link";
import { notFound } from "next/navigation";
import { devMailboxEnabled, getDevMailboxMessage } from "@/lib/email/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev mailbox" };

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const { id } = await params;
  const m = await getDevMailboxMessage(id);
  if (!m) notFound();
  const links = [...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <Link href="/dev/mailbox" className="text-sm text-brand underline">
        ← Mailbox
      </Link>
      <h1 className="mt-3 text-xl font-bold">{m.subject}</h1>
      <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-1 text-sm">
        <dt className="text-zinc-500">To</dt>
        <dd data-testid="mail-to">{m.to}</dd>
        <dt className="text-zinc-500">From</dt>
        <dd>{m.from}</dd>
        {m.replyTo && (
          <>
            <dt className="text-zinc-500">Reply-To</dt>
            <dd data-testid="mail-reply-to">{m.replyTo}</dd>
          </>
        )}
      </dl>
      <h2 className="mt-6 font-semibold">Links</h2>
      <ul className="mt-1 list-disc pl-6 text-sm">
        {links.map((l) => (
          <li key={l}>
            <a href={l} data-testid="mail-link" className="break-all text-brand underline">
              {l}
            </a>
          </li>
        ))}
      </ul>
      <h2 className="mt-6 font-semibold">HTML part</h2>
      <iframe
        title="HTML part"
        srcDoc={m.html}
        sandbox="allow-popups"
        className="mt-1 h-[32rem] w-full max-w-[400px] rounded border bg-white"
      />
      <h2 className="mt-6 font-semibold">Text part</h2>
      <pre data-testid="mail-text" className="mt-1 whitespace-pre-wrap rounded border bg-white p-3 text-sm">
        {m.text}
      </pre>
    </main>
  );
}
