// POST /api/roster/import/preview – what importing this CSV would do, row by row; writes nothing
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { IMPORT_REQUEST_MAX_BYTES, previewImport } from "@/lib/roster";

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown(), IMPORT_REQUEST_MAX_BYTES);
  return NextResponse.json(await previewImport(await getDb(), trainer, body));
});
