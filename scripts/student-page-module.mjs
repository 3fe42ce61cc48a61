// Builds what the student link page (/d/<token>, app/d/[token]/route.ts) loads besides its HTML:
// one ES module (components/student-page/browser.ts, bundled and minified by esbuild; no React)
// and its stylesheet (Tailwind over components/student-page/, inlined in the page). next.config.ts
// runs it inside `next build` / `next dev` — so `npm run build`, OpenNext's build and the e2e build
// all make it — and writes the module under .next/static/apex/ with a content-hashed name, served
// like Next's own chunks (immutable caching, our origin, admitted by the CSP through the nonce).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/** The module's public path prefix: Next serves .next/static/ at /_next/static/. */
export const STUDENT_PAGE_STATIC_DIR = "apex";

export async function buildStudentPage(root = process.cwd()) {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [path.join(root, "components/student-page/browser.ts")],
    bundle: true,
    format: "esm",
    minify: true,
    target: ["es2022", "chrome109", "safari15.4", "firefox115"],
    tsconfig: path.join(root, "tsconfig.json"),
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const js = out.outputFiles[0].contents;
  const sha256 = createHash("sha256").update(js).digest("hex");
  const fileName = `student-page-${sha256.slice(0, 16)}.js`;

  const { default: postcss } = await import("postcss");
  const { default: tailwind } = await import("@tailwindcss/postcss");
  const from = path.join(root, "components/student-page/page.css");
  const css = (await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(readFileSync(from, "utf8"), { from })).css;
  return { fileName, publicPath: `/_next/static/${STUDENT_PAGE_STATIC_DIR}/${fileName}`, js, sha256, css };
}
