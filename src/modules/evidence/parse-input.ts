import type { z } from "zod";
import { AppError } from "../../core/errors.ts";

/** Parses with a zod schema, turning problems into VALIDATION_FAILED with details. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success)
    throw new AppError(
      "VALIDATION_FAILED",
      undefined,
      r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return r.data;
}
