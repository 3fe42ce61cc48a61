// How the benchmarks print: numbers, PASS/MISS against a target, aligned tables, the machine.
import os from "node:os";

/** A number with `d` decimals and thousands separators; "–" for none. */
export const fmt = (n, d = 0) =>
  n == null || Number.isNaN(n)
    ? "–"
    : Number(n).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true });
export const kB = (bytes) => fmt(bytes / 1000, 1);
export const verdict = (ok) => (ok ? "PASS" : "MISS");

/** The middle value (mean of the two middle ones for an even count); NaN entries are ignored. */
export function median(xs) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A cell that reads as a number ("1,234", "-3.5 ms", "39.0 / 143.1", "+0.8 MiB", "–"): such columns are right-aligned. */
const numeric = (cell) => cell === "" || /^[-+–—]$|^[-+]?\d/.test(cell);

/**
 * An aligned plain-text table: numeric columns right-aligned, others left.
 * With a title it is printed (title line first); it is always returned.
 */
export function table(title, headers, rows) {
  const cells = rows.map((r) => r.map((c) => String(c ?? "")));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const right = headers.map((_, i) => cells.length > 0 && cells.every((r) => numeric(r[i])));
  const line = (r) =>
    r
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const text = [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
  if (title) console.log(`\n${title}\n${text}`);
  return text;
}

/** One line about the machine the figures come from. */
export function machineLine(extra = "") {
  const cpus = os.cpus();
  return (
    `Machine: ${cpus[0]?.model?.trim() ?? "unknown CPU"} · ${cpus.length} cores · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM · Node ${process.version} · ` +
    `${os.type()} ${os.release()} · load avg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}${extra}`
  );
}
