// GET /api/health – database and storage reachability
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  // Unreachable is usually brief (a paused Aurora resumes in ~15 s): say when to ask again.
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...(health.ok ? {} : { "Retry-After": "5" }) };
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers });
}
