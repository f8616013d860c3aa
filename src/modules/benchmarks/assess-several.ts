import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { requireReadPower } from "../powers/scope.ts";
import { assessSeveral, type SeveralAssessment } from "./assess.ts";
import type { AssessSeveralInput } from "./benchmark.ts";
import { findBenchmark } from "./find-benchmark.ts";

/** P13: runs the calculator on several benchmarks for one act; the higher fine applies (no write). */
export async function assessSeveralBenchmarks(
  ctx: AppContext,
  actor: Principal,
  input: AssessSeveralInput,
): Promise<SeveralAssessment> {
  const list = [];
  for (const id of input.benchmarkIds) {
    const b = await findBenchmark(ctx.db, id);
    requireReadPower(actor, b.agencyPath);
    list.push(b);
  }
  return assessSeveral(list, input.partyType, input.facts);
}
