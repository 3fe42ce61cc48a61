// DELETE /api/roster/groups/[id]/members/[studentId] – take a student out of the group (they stay on the roster)
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { removeGroupMember } from "@/lib/roster";

export const DELETE = trainerRoute<{ id: string; studentId: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await removeGroupMember(await getDb(), trainer, params.id, params.studentId));
});
