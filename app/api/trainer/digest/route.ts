// PUT /api/trainer/digest – { on }: the signed-in trainer's daily digest email on or off
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { setDigest } from "@/lib/riding-sessions";

const body = z.object({ on: z.boolean({ error: "on must be true or false." }) });

export const PUT = trainerRoute(async (req, { trainer }) => {
  const { on } = await parseJson(req, body);
  return NextResponse.json(await setDigest(await appContext(), trainer.id, on));
});
