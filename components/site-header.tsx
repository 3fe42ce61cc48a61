import Link from "next/link";
import { LanguageMenu } from "./language-menu";

export function SiteHeader({ children }: { children?: React.ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
        <Link href="/" prefetch={false} className="text-lg font-bold text-brand">
          ApexShare
        </Link>
        <nav className="flex items-center gap-4 text-sm">
          {children}
          <LanguageMenu />
        </nav>
      </div>
    </header>
  );
}
