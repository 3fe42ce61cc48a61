// POST /api/roster/import – import a CSV: every good row in one transaction, the bad rows reported
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { IMPORT_REQUEST_MAX_BYTES, importRoster } from "@/lib/roster";

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown(), IMPORT_REQUEST_MAX_BYTES);
  return NextResponse.json(await importRoster(await getDb(), trainer, body));
});
