import type { z } from "zod";

/** A readable sentence for the student list's problems ("Student 2: Enter a valid email address."). */
export function describeIssues(error: z.ZodError, list: unknown[]): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      // The list on its own ([n, "email"]) or inside the session's fields (["students", n, "email"]).
      const n = i.path[0] === "students" ? i.path[1] : i.path[0];
      return typeof n === "number" && list.length > 1 ? `Student ${n + 1}: ${i.message}` : i.message;
    })
    .join(" ");
}
