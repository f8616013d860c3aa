import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { requireReadPower } from "../powers/scope.ts";
import { type Assessment, assessBenchmark } from "./assess.ts";
import type { AssessInput } from "./benchmark.ts";
import { findBenchmark } from "./find-benchmark.ts";

/** Runs the calculator on a benchmark the actor can read (no write: a proposal only). */
export async function assessBenchmarkCase(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: AssessInput,
): Promise<Assessment> {
  const b = await findBenchmark(ctx.db, id);
  requireReadPower(actor, b.agencyPath);
  return assessBenchmark(b, input.partyType, input.facts);
}
