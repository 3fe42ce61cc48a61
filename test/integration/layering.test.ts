// The layering is a checked rule: app → components → lib → db, and lib modules in LIB_LAYERS order.
// These run ESLint itself on imports that break a zone and on ones that respect it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM config without types
import { LIB_LAYERS } from "@/eslint.config.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("layering", () => {
  it.each([
    ["db/anything.ts", `import { getConfig } from "@/lib/config";\nexport const c = getConfig;`],
    ["db/anything.ts", `import { x } from "../lib/auth/demo-trainer";\nexport const c = x;`],
    ["lib/uploads/anything.ts", `import { Page } from "@/app/page";\nexport const c = Page;`],
    ["lib/shares/anything.ts", `import { createUpload } from "@/lib/uploads";\nexport const c = createUpload;`],
    ["lib/shares/anything.ts", `import { createUpload } from "../uploads/service";\nexport const c = createUpload;`],
    ["lib/email/anything.ts", `import { auth } from "@/lib/auth";\nexport const c = auth;`],
    ["lib/uploads/rules.ts", `import { auth } from "@/lib/auth/session";\nexport const c = auth;`],
    ["lib/uploads/rules.ts", `import { createHash } from "node:crypto";\nexport const c = createHash;`],
    ["components/anything.tsx", `import { signIn } from "@/app/signin/actions";\nexport const c = signIn;`],
    ["components/anything.tsx", `import { getDb } from "@/db/client";\nexport const c = getDb;`],
    ["components/anything.tsx", `import { S3Client } from "@aws-sdk/client-s3";\nexport const c = S3Client;`],
  ])("%s: a wrong arrow fails lint (%#)", async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ["app/anything.tsx", `import { getDb } from "@/db/client";\nexport const c = getDb;`],
    ["components/anything.tsx", `import { formatBytes } from "@/lib/uploads/rules";\nexport const c = formatBytes;`],
    ["lib/uploads/anything.ts", `import { audit } from "@/lib/audit";\nexport const c = audit;`],
    ["lib/auth/anything.ts", `import { enqueueEmail } from "@/lib/email";\nexport const c = enqueueEmail;`],
    ["lib/shares/anything.ts", `import { tokens } from "./tokens";\nexport const c = tokens;`],
  ])("%s: an arrow the right way passes (%#)", async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it("every folder under lib/ has a place in LIB_LAYERS", () => {
    const folders = readdirSync(path.join(root, "lib")).filter((f) => statSync(path.join(root, "lib", f)).isDirectory());
    expect(folders.filter((f) => !LIB_LAYERS.includes(f))).toEqual([]);
  });
});
