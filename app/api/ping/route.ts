// GET /api/ping – liveness: answers without touching the database or storage (see /api/health for readiness)
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
