import type { z } from "zod";

/** A readable sentence for the student list's problems ("Student 2: Enter a valid email address."). */
export function describeIssues(error: z.ZodError, list: unknown[]): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (typeof i.path[0] === "number" && list.length > 1 ? `Student ${i.path[0] + 1}: ${i.message}` : i.message))
    .join(" ");
}
