import assert from "node:assert/strict";
import { addDays, dateOf } from "../../src/modules/officers/officer.ts";
import type { Session, TestApp } from "./app.ts";

export type CaseDetail = {
  id: string;
  number: string | null;
  procedure: string;
  state: string;
  version: number;
  events: { id: string; event: string; seq: number; onDate: string; data: Record<string, unknown> }[];
  deadlines: { kind: string; status: string; dueOn: string; light: string | null }[];
  actions: { event: string }[];
  items: { no: number; name: string; status: string }[];
  money: {
    fineFen: number;
    paidFen: number;
    fineOutstandingFen: number;
    lateFeeFen: number;
    totalFen: number;
    nextDueOn: string | null;
    schedule: { dueOn: string; amountFen: number }[];
  } | null;
};

/**
 * A small client for case tests over HTTP: a lead in 东湖区湖滨中队 (donghu-1) handled by dh.hb.01
 * and dh.hb.lead, steps with the version the case has now, and dates relative to the test clock.
 */
export function caseClient(t: TestApp, officer: Session, approver: Session) {
  const today = () => dateOf(t.ctx.now());
  const day = (n: number) => addDays(today(), n);
  const lead = async (over: Record<string, unknown> = {}, as = officer) => {
    const res = await t.call({
      method: "POST",
      url: "/api/v1/cases",
      as,
      payload: {
        agencyId: t.agency["donghu-1"],
        field: "市容环境卫生",
        summary: "占道经营",
        place: { address: "湖滨路 18 号门前", latitude: 29.1, longitude: 119.6 },
        party: {
          type: "individual",
          name: "王某",
          idNumber: "330702199001011234",
          phone: "13900000000",
          address: "湖滨路 1 号",
        },
        actOn: day(-90),
        discoveredOn: day(-85),
        officerIds: [t.user["dh.hb.01"], t.user["dh.hb.lead"]],
        ...over,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  };
  const get = async (id: string, as = approver) => {
    const res = await t.call({ url: `/api/v1/cases/${id}`, as });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as CaseDetail;
  };
  const step = async (
    id: string,
    event: string,
    on: string,
    data: Record<string, unknown> = {},
    as = officer,
  ) => {
    // The actor reads the version; one who may not read the case (a refusal test) uses the approver's.
    const own = await t.call({ url: `/api/v1/cases/${id}`, as });
    const c = own.statusCode === 200 ? (own.json() as CaseDetail) : await get(id);
    return t.call({
      method: "POST",
      url: `/api/v1/cases/${id}/events/${event}`,
      as,
      payload: { version: c.version, on, data },
    });
  };
  const ok = async (
    id: string,
    event: string,
    on: string,
    data: Record<string, unknown> = {},
    as = officer,
  ) => {
    const res = await step(id, event, on, data, as);
    assert.equal(res.statusCode, 200, `${event}: ${res.body}`);
    return res.json() as { state: string; version: number; number: string | null };
  };
  return { today, day, lead, get, step, ok };
}
