// Lint = correctness rules + the layering of the tree, so a wrong arrow fails `npm run lint`.
//
//   app → components → lib → db        (never the other way)
//
// and inside lib/, a module may only import modules listed *before* it in LIB_LAYERS.
// A new folder under lib/ must be added to LIB_LAYERS (test/integration/layering.test.ts checks).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";
import globals from "globals";

/** lib/ modules from the bottom up: each may import only those before it. */
export const LIB_LAYERS = [
  "config",
  "database",
  "time",
  "i18n",
  "email-address",
  "http",
  "security",
  "audit",
  "storage",
  "context",
  "media",
  "rate-limit",
  "email",
  "schools",
  "roster",
  "auth",
  "health",
  "videos",
  "shares",
  "riding-sessions",
  "coaching",
  "uploads",
  "retention",
];

/** Both spellings of an import of `target`: the `@/` alias and any relative path. */
const importOf = (target) => `^(@/|(\\.\\./)+)${target}(/.*)?$`;
const restrict = (targets, message) => targets.map((t) => ({ regex: importOf(t), message }));

const libLayerRules = LIB_LAYERS.map((name, i) => {
  const above = LIB_LAYERS.slice(i + 1).map((m) => `lib/${m}`);
  // Inside lib/<name>, a sibling module is reached as "../<m>" — cover that spelling too.
  const siblings = LIB_LAYERS.slice(i + 1).map((m) => ({ regex: `^\\.\\./${m}(/.*)?$`, message: `lib/${name} sits below lib/${m}.` }));
  return {
    files: [`lib/${name}/**/*.{ts,tsx}`, `lib/${name}.ts`],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            ...restrict(["app", "components"], "lib/ must not import from app/ or components/."),
            ...restrict(above, `lib/${name} sits below these modules in LIB_LAYERS (eslint.config.mjs).`),
            ...siblings,
          ],
        },
      ],
    },
  };
});

/** Modules bundled into the browser as well as the server: nothing server-side may leak in. */
const BROWSER_SHARED = [
  "lib/uploads/rules.ts",
  "lib/uploads/part-size.ts",
  "lib/schools/logo-rules.ts",
  "lib/coaching/rules.ts",
  "lib/coaching/moments.ts",
  "lib/roster/rules.ts",
  "lib/i18n/locales.ts",
  "lib/i18n/schema.ts",
  "lib/email-address/**/*.ts",
  "lib/time/**/*.ts",
  "lib/time.ts",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".open-next/**",
      ".sst/**",
      ".data/**",
      ".e2e-data*/**",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
      "db/migrations/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Node and the browser both: components run in the browser, bench scripts drive pages.
      globals: {
        ...globals.node,
        ...globals.browser,
        $config: "readonly",
        $app: "readonly",
        $dev: "readonly",
        $interpolate: "readonly",
        $jsonStringify: "readonly",
        $resolve: "readonly",
        $transform: "readonly",
        sst: "readonly",
        aws: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/triple-slash-reference": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    files: ["**/*.tsx", "components/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // t3's rules: an update or delete without a where clause is never what we meant.
    files: ["lib/**/*.ts", "db/**/*.ts", "scripts/**/*.ts", "infra/**/*.ts"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  // ---- layering ------------------------------------------------------------------
  {
    files: ["db/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: restrict(["app", "components", "lib"], "db/ is the bottom layer: it imports nothing from lib/, components/ or app/.") },
      ],
    },
  },
  ...libLayerRules,
  {
    files: BROWSER_SHARED,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            ...restrict(
              ["app", "components", "db", "lib/auth", "lib/storage", "lib/email", "lib/config", "lib/shares", "lib/videos", "lib/http"],
              "Shared with the browser: no server modules.",
            ),
            { regex: "^(node:.*|server-only|drizzle-orm.*|@aws-sdk/.*)$", message: "Shared with the browser: no server modules." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            ...restrict(["app"], "components/ must not import from app/ (server actions live in lib/)."),
            { regex: importOf("db/client"), message: "components/ do no data access." },
            { regex: "^(@aws-sdk/.*|drizzle-orm.*|pg|@electric-sql/.*)$", message: "components/ do no data access and import no SDKs." },
          ],
        },
      ],
    },
  },
  prettier,
);
