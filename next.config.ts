import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";

/**
 * Nothing local may reach a deploy artifact. OpenNext copies into the Lambda whatever
 * Next's file tracing lists, and the tracer follows paths the code names (the local data
 * folder with its secrets, the demo trainer's password and the embedded database). So
 * every path git ignores — except the build itself and node_modules — is kept out of the
 * traces, and so is PGlite, which production configuration refuses anyway.
 * `npm run check:bundle` builds the artifact next to a canary `.data/` and proves it.
 */
function localOnlyPaths(): string[] {
  const ignored = readFileSync(".gitignore", "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && !line.startsWith("!"))
    .map((line) => line.replace(/^\//, ""))
    .filter((line) => !/^(node_modules|\.next)\/?$/.test(line));
  const globs = ignored.map((p) => (p.endsWith("/") ? `${p}**` : p.includes("/") ? p : `**/${p}`));
  // PGlite is traced as the package and as the hashed link Turbopack makes for an external.
  return [
    ...globs,
    "**/*.secret",
    // Never read by the server function: deployed databases are migrated by the Migrator function (its own bundle),
    // and test fixtures are tests'.
    "db/migrations/**",
    "e2e/**",
    // next/font's fallback metrics (4.2 MB): read at build time only (font-utils, required by nothing at run time).
    "node_modules/next/dist/server/capsize-font-metrics.json",
    "node_modules/@electric-sql/pglite/**",
    ".next/node_modules/@electric-sql/pglite*/**",
    ".next/node_modules/@electric-sql/pglite*",
  ];
}

// Set by open-next.config.ts's build command: the build that becomes the Lambda artifact
// (`sst deploy`, `npm run check:bundle`), as opposed to `next build` for local use and e2e.
const deployBuild = process.env.APEX_DEPLOY_BUILD === "1";

/**
 * The student link page's module and stylesheet (scripts/student-page-module.mjs), made by the build
 * that compiles the page: its path and CSS reach the route as env constants, and the module is
 * written next to Next's own chunks (.next/static/apex/<content hash>.js: immutable caching, our origin).
 */
async function studentPage(phase: string): Promise<Pick<NextConfig, "env"> & { write?: (distDir: string) => void }> {
  if (phase !== PHASE_PRODUCTION_BUILD && phase !== PHASE_DEVELOPMENT_SERVER) return {};
  const script = pathToFileURL(path.join(process.cwd(), "scripts/student-page-module.mjs")).href;
  // A real import(): Next compiles this file to CommonJS, where a written import() becomes require(), which cannot load an ES module on every Node 20.
  const importModule = new Function("specifier", "return import(specifier)") as (
    s: string,
  ) => Promise<typeof import("./scripts/student-page-module.mjs")>;
  const { buildStudentPage, STUDENT_PAGE_STATIC_DIR } = await importModule(script);
  const built = await buildStudentPage();
  const write = (distDir: string) => {
    const dir = path.join(distDir, "static", STUDENT_PAGE_STATIC_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, built.fileName), built.js);
  };
  // `next dev` has no after-compile step: the module goes where the dev server serves /_next/static/ from (.next/dev).
  if (phase === PHASE_DEVELOPMENT_SERVER) write(path.join(process.cwd(), ".next", "dev"));
  return { env: { APEX_STUDENT_PAGE_SCRIPT: built.publicPath, APEX_STUDENT_PAGE_CSS: built.css }, write };
}

const nextConfig = (student: Awaited<ReturnType<typeof studentPage>>): NextConfig => ({
  // PGlite ships a WASM build and pg/s3 SDKs are large: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless"],
  outputFileTracingExcludes: { "*": localOnlyPaths() },
  // A constant in a deploy build, so branches for local-only modules (PGlite, demo seeding,
  // the dev mailbox) are compiled out rather than merely unused.
  compiler: {
    ...(deployBuild ? { defineServer: { "process.env.APEX_DEPLOY_BUILD": "1" } } : {}),
    ...(student.write ? { runAfterProductionCompile: async ({ distDir }: { distDir: string }) => student.write!(distDir) } : {}),
  },
  env: student.env,
  poweredByHeader: false,
  // Pages get their headers (CSP with a nonce, HSTS, …) from proxy.ts; API routes get these.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
          // Browsers ignore HSTS over plain http (local), so it can be sent unconditionally.
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
        ],
      },
    ];
  },
});

// next-intl finds its request configuration at i18n/request.ts (languages without a locale in the URL).
export default async function config(phase: string): Promise<NextConfig> {
  return createNextIntlPlugin()(nextConfig(await studentPage(phase)));
}
