import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-zinc-700">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        Go to the start page
      </Link>
    </main>
  );
}
