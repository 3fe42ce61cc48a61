// The school's name and logo above a student's page: whose session this is.
export function SchoolHeader({ name, logoSrc }: { name: string; logoSrc: string | null }) {
  return (
    <div className="mb-3 flex items-center gap-3" data-testid="school-header">
      {logoSrc && (
        // A plain <img>: the logo route redirects to a signed bucket URL, which next/image would not fetch.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={logoSrc} alt="" className="h-10 max-w-40 object-contain" height={40} data-testid="school-logo" />
      )}
      <span className="text-base font-semibold text-zinc-800" data-testid="school-name">
        {name}
      </span>
    </div>
  );
}
