import { AppError } from "../../core/errors.ts";
import { tableOf } from "../cases/apply-transition.ts";
import { procedures } from "../cases/case.ts";
import { caseStates, describeTable } from "../cases/transition.ts";

/**
 * A procedure as a flow chart for the public site (执法流程, C13): the states as nodes and the steps
 * of the transition table (the same table the server enforces) as edges, with the rules checked,
 * the deadlines and the documents of each step.
 */
export function publicProcedure(procedure: string) {
  const rows = describeTable(tableOf(procedure));
  if (rows.length === 0) throw new AppError("NOT_FOUND", "没有这种执法程序");
  const order: string[] = [];
  for (const r of rows) for (const s of [r.from, r.to]) if (!order.includes(s)) order.push(s);
  return {
    procedure,
    name: procedures[procedure as keyof typeof procedures] ?? procedure,
    nodes: order.map((id) => ({ id, name: caseStates[id as keyof typeof caseStates] ?? id })),
    edges: rows.map((r) => ({
      from: r.from,
      to: r.to,
      event: r.event,
      label: r.label,
      roles: r.roles,
      guards: r.guards,
      opens: r.opens,
      closes: r.closes,
      documents: r.documents,
    })),
  };
}
