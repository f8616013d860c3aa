import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { and, desc, eq, like } from "drizzle-orm";
import { type Recipient, setNotifier } from "../../src/modules/complaints/notifier.ts";
import { securityEvents } from "../../src/modules/identity/schema.ts";
import { ledgerEntries } from "../../src/modules/ledger/schema.ts";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

const boundary = "----guifanComplaintBoundary";
function multipart(fields: Record<string, string>, files: { name: string; type: string; bytes: Buffer }[]) {
  const parts = [
    ...Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ),
    ...files.flatMap((f) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from("\r\n"),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return {
    payload: Readable.from(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A tiny valid PNG header followed by bytes (the server checks the signature, not the pixels). */
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

type Status = {
  trackingCode: string;
  status: string;
  publicAnswer: string | null;
  canRate: boolean;
  canReopen: boolean;
  timeline: { event: string }[];
};
type Detail = {
  id: string;
  state: string;
  version: number;
  caseId: string | null;
  named: boolean;
  mergedIntoId: string | null;
  publicAnswer: string | null;
  proposedAgencyId: string | null;
  duplicates: { id: string }[];
  photos: { id: string }[];
  actions: { step: string }[];
  deadlines: { kind: string; light: string }[];
  mayViewReporter: boolean;
};

describe(`complaints over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const sent: { to: Recipient; text: string }[] = [];
  let ip = 1;
  /** Each public request group gets its own address, so the rate limit is only met where a test wants it. */
  const nextIp = () => `10.1.0.${ip++}`;

  before(async () => {
    t = await testApp();
    setNotifier(t.ctx, { send: async (to, text) => void sent.push({ to, text }) });
    for (const u of [
      "dh.clerk",
      "dh.leader",
      "dh.hb.lead",
      "dh.hb.01",
      "city.clerk",
      "city.leader",
      "dh.xc.lead",
      "xs.cg.lead",
    ])
      s[u] = await t.login(u);
  });
  after(async () => t?.close());

  const submit = async (over: Record<string, unknown> = {}, remoteAddress = nextIp()) => {
    const res = await t.call({
      method: "POST",
      url: "/api/v1/public/complaints",
      remoteAddress,
      payload: {
        bureauId: t.agency.donghu,
        category: "street_vending",
        address: "东湖区湖滨街道湖滨路 18 号门前",
        description: "每天傍晚有摊贩占用人行道经营烧烤，行人无法通行",
        anonymous: false,
        reporter: { name: "赵举报", phone: "13812345678", email: "zhao@example.cn" },
        ...over,
      },
    });
    return res;
  };
  const codeOf = async (over: Record<string, unknown> = {}) => {
    const res = await submit(over);
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { trackingCode: string }).trackingCode;
  };
  const status = async (code: string) => {
    const res = await t.call({ url: `/api/v1/public/complaints/${code}`, remoteAddress: nextIp() });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Status;
  };
  const idOf = async (code: string) => {
    const res = await t.call({ url: `/api/v1/complaints?q=${code}`, as: s["dh.clerk"] });
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: { id: string }[] }).items;
    assert.equal(items.length, 1);
    return items[0]!.id;
  };
  const detail = async (id: string, as = s["dh.clerk"]!) => {
    const res = await t.call({ url: `/api/v1/complaints/${id}`, as });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Detail;
  };
  const stepOk = async (id: string, step: string, as: Session, body: Record<string, unknown> = {}) => {
    const d = await detail(id, as);
    const res = await t.call({
      method: "POST",
      url: `/api/v1/complaints/${id}/${step}`,
      as,
      payload: { version: d.version, ...body },
    });
    assert.equal(res.statusCode, 200, `${step}: ${res.body}`);
    return res.json() as {
      state: string;
      version: number;
      notice?: string;
      letter?: string;
      notified?: number;
    };
  };
  const noIdentity = (body: string, what: string) => {
    for (const secret of ["赵举报", "13812345678", "zhao@example.cn", "钱实名", "13900001111"])
      assert.ok(!body.includes(secret), `${what} contains the reporter's identity (${secret})`);
  };

  test("seed 001 items 25, 26: public submission → dispatch → accept → verify → lead → answer → status page, rating", async () => {
    const code = await codeOf();
    assert.match(code, /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
    let st = await status(code.toLowerCase().replace(/(.{5})/, "$1-"));
    assert.equal(st.status, "received");
    assert.equal(st.publicAnswer, null);

    const id = await idOf(code);
    let d = await detail(id);
    assert.equal(d.named, true);
    assert.equal(d.mayViewReporter, true);
    // The area rule: 湖滨街道 is 湖滨中队's area and it holds the field.
    assert.equal(d.proposedAgencyId, t.agency["donghu-1"]);
    assert.deepEqual(
      d.deadlines.map((x) => x.kind),
      ["accept", "answer"],
    );
    // First responder: the bureau owns it until the squad accepts (dispatch alone does not hand over).
    await stepOk(id, "dispatch", s["dh.clerk"]!, { agencyId: t.agency["donghu-1"] });
    d = await detail(id, s["dh.hb.lead"]);
    assert.equal(d.state, "dispatched");
    assert.deepEqual(
      d.actions.map((a) => a.step),
      ["return", "accept"],
    );
    const queue = await t.call({ url: "/api/v1/complaints?queue=true", as: s["dh.hb.lead"] });
    assert.ok(
      (queue.json() as { items: { id: string }[] }).items.some((x) => x.id === id),
      "in the squad's queue",
    );
    await stepOk(id, "accept", s["dh.hb.lead"]!);
    await stepOk(id, "verify", s["dh.hb.01"]!, { findings: "现场核实：傍晚有 3 处烧烤摊占道" });
    const linked = await stepOk(id, "link", s["dh.hb.01"]!, {
      lead: { partyName: "烧烤摊经营者（待查明）" },
    });
    assert.equal(linked.state, "linked");
    d = await detail(id, s["dh.hb.01"]);
    assert.ok(d.caseId);
    // The lead exists in the cases module, in state lead, and carries no reporter identity.
    const c = await t.call({ url: `/api/v1/cases/${d.caseId}`, as: s["dh.hb.01"] });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal((c.json() as { state: string }).state, "lead");
    noIdentity(c.body, "the lead (case) opened from the complaint");

    const before = sent.length;
    const answered = await stepOk(id, "answer", s["dh.hb.01"]!, {
      answer: "已立案调查，责令当事人停止占道经营。",
    });
    assert.equal(answered.notified, 2, "SMS and e-mail to the named reporter");
    const msgs = sent.slice(before);
    assert.deepEqual(
      msgs.map((m) => m.to),
      [
        { kind: "sms", address: "13812345678" },
        { kind: "email", address: "zhao@example.cn" },
      ],
    );
    for (const m of msgs) {
      assert.ok(m.text.includes(code));
      noIdentity(m.text, "the answer message");
    }
    st = await status(code);
    assert.equal(st.status, "linked");
    assert.equal(st.publicAnswer, "已立案调查，责令当事人停止占道经营。");
    assert.equal(st.canRate, true);
    assert.equal(st.canReopen, true);
    const rated = await t.call({
      method: "POST",
      url: `/api/v1/public/complaints/${code}/rating`,
      remoteAddress: nextIp(),
      payload: { rating: 5, comment: "处理及时" },
    });
    assert.equal(rated.statusCode, 200, rated.body);
    const again = await t.call({
      method: "POST",
      url: `/api/v1/public/complaints/${code}/rating`,
      remoteAddress: nextIp(),
      payload: { rating: 1 },
    });
    assertError(again, 409, "TRANSITION_NOT_ALLOWED");
    assert.equal((await status(code)).canRate, false);

    // Every step is in the ledger of the unit owning the complaint at that step.
    const types = (
      await t.ctx.db
        .select({ type: ledgerEntries.eventType })
        .from(ledgerEntries)
        .where(like(ledgerEntries.payload, `%${id}%`))
        .orderBy(ledgerEntries.id)
    ).map((r) => r.type);
    for (const ty of [
      "complaint.received",
      "complaint.dispatched",
      "complaint.accepted",
      "complaint.verified",
      "complaint.linked",
      "complaint.answered",
      "complaint.rated",
    ])
      assert.ok(types.includes(ty as never), `ledger has ${ty}: ${types.join(", ")}`);

    const figures = await t.call({ url: "/api/v1/complaints/figures", as: s["dh.leader"] });
    assert.equal(figures.statusCode, 200, figures.body);
    const f = figures.json() as {
      total: number;
      bySource: { key: string; count: number }[];
      byArea: { key: string }[];
      answer: { onTime: number };
      satisfaction: { rated: number; average: number };
    };
    assert.ok(f.bySource.some((x) => x.key === "public_web" && x.count >= 1));
    assert.ok(f.byArea.some((x) => x.key === "湖滨街道"));
    assert.ok(f.answer.onTime >= 1);
    assert.ok(f.satisfaction.rated >= 1);
  });

  test("seed 001 item 25: transfer to another department in writing, with a notice to the named reporter", async () => {
    const code = await codeOf({
      category: "other",
      description: "小区内有人无证行医，怀疑是黑诊所",
      reporter: { name: "钱实名", phone: "13900001111" },
    });
    const id = await idOf(code);
    const before = sent.length;
    const r = await stepOk(id, "transfer", s["dh.clerk"]!, {
      department: "示范市东湖区卫生健康局",
      reason: "无证行医属卫生健康部门职责",
    });
    assert.equal(r.state, "transferred");
    assert.match(r.notice!, /移送告知书/);
    assert.match(r.notice!, /示范市东湖区卫生健康局/);
    assert.match(r.letter!, /举报人信息依法保密/);
    noIdentity(r.notice!, "the transfer notice");
    noIdentity(r.letter!, "the transfer letter");
    assert.equal(r.notified, 1);
    const msg = sent.slice(before);
    assert.deepEqual(msg[0]!.to, { kind: "sms", address: "13900001111" });
    assert.match(msg[0]!.text, /卫生健康局/);
    const st = await status(code);
    assert.equal(st.status, "transferred");
    assert.match(st.publicAnswer!, /书面移送示范市东湖区卫生健康局/);
    assert.ok(st.timeline.some((e) => e.event === "transferred"));
  });

  test("reopen request: the reporter is not satisfied; the complaint goes back with a new answer deadline", async () => {
    const code = await codeOf({
      category: "litter",
      address: "东湖区新城街道新城大道 100 号",
      anonymous: true,
      reporter: undefined,
    });
    const id = await idOf(code);
    await stepOk(id, "accept", s["dh.clerk"]!);
    await stepOk(id, "verify", s["dh.clerk"]!, { findings: "现场未见垃圾堆放" });
    await stepOk(id, "close", s["dh.clerk"]!, { reason: "no_violation" });
    const a = await stepOk(id, "answer", s["dh.clerk"]!, { answer: "经现场核实，未发现乱堆乱放。" });
    assert.equal(a.notified, 0, "anonymous: nobody to notify, the answer is on the status page");
    const reopen = await t.call({
      method: "POST",
      url: `/api/v1/public/complaints/${code}/reopen`,
      remoteAddress: nextIp(),
      payload: { reason: "垃圾仍在，晚上才堆放，请晚上去看" },
    });
    assert.equal(reopen.statusCode, 200, reopen.body);
    let st = await status(code);
    assert.equal(st.status, "reopened");
    assert.equal(st.canReopen, false);
    assert.equal(st.canRate, false);
    const d = await detail(id);
    assert.ok(
      d.deadlines.some((x) => x.kind === "answer"),
      "a new answer deadline runs",
    );
    assert.deepEqual(d.actions.map((x) => x.step).sort(), ["close", "transfer", "verify"]);
    await stepOk(id, "verify", s["dh.clerk"]!, { findings: "夜间核实：确有垃圾堆放" });
    await stepOk(id, "close", s["dh.clerk"]!, { reason: "no_violation", note: "已督促清理" });
    await stepOk(id, "answer", s["dh.clerk"]!, { answer: "夜间核实后已督促清理完毕。" });
    st = await status(code);
    assert.equal(st.publicAnswer, "夜间核实后已督促清理完毕。");
    assert.ok(st.timeline.some((e) => e.event === "reopen_requested"));
    // A second reopen of the same answer is fine; reopening without an answer is not.
    const bad = await t.call({
      method: "POST",
      url: "/api/v1/public/complaints/ZZZZZZZZZZ/reopen",
      remoteAddress: nextIp(),
      payload: { reason: "不满意不满意" },
    });
    assertError(bad, 404, "NOT_FOUND");
  });

  test("issue 8 item 5: same category at the same place within N days is proposed for merging; merged reports share the lead and the answer", async () => {
    const first = await codeOf({
      category: "cooking_fumes",
      address: "东湖区湖滨街道滨江路 8 号",
      latitude: 29.1,
      longitude: 119.6,
      reporter: { name: "赵举报", phone: "13812345678" },
    });
    const second = await codeOf({
      category: "cooking_fumes",
      address: "滨江路8号旁",
      latitude: 29.1003,
      longitude: 119.6002,
      reporter: { name: "钱实名", phone: "13900001111" },
    });
    const other = await codeOf({
      category: "cooking_fumes",
      address: "东湖区湖滨街道滨江路 300 号",
      latitude: 29.12,
      longitude: 119.62,
      anonymous: true,
      reporter: undefined,
    });
    const [a, b, c] = [await idOf(first), await idOf(second), await idOf(other)];
    const db = await detail(b);
    assert.deepEqual(
      db.duplicates.map((x) => x.id),
      [a],
      "within 100 m: proposed; 2 km away: not",
    );
    // Merging into something that is not the same place is refused and writes nothing.
    const counts = await businessRowCounts(t.ctx.database);
    const refused = await t.call({
      method: "POST",
      url: `/api/v1/complaints/${c}/merge`,
      as: s["dh.clerk"],
      payload: { version: (await detail(c)).version, intoId: a },
    });
    assertError(refused, 400, "VALIDATION_FAILED");
    assert.deepEqual(await businessRowCounts(t.ctx.database), counts);

    const merged = await stepOk(b, "merge", s["dh.clerk"]!, { intoId: a });
    assert.equal(merged.state, "merged");
    assert.equal((await status(second)).status, "merged");
    await stepOk(a, "accept", s["dh.clerk"]!);
    await stepOk(a, "verify", s["dh.clerk"]!, { findings: "油烟直排属实" });
    // The clerk has no case.handle: a squad opens leads. The bureau's leader does.
    const lead = await stepOk(a, "link", s["dh.leader"]!, {
      lead: { partyType: "organisation", partyName: "某餐馆" },
    });
    assert.equal(lead.state, "linked");
    const da = await detail(a);
    const dbm = await detail(b);
    assert.ok(da.caseId);
    assert.equal(dbm.caseId, da.caseId, "merged reports share one lead");
    const before = sent.length;
    const ans = await stepOk(a, "answer", s["dh.leader"]!, {
      answer: "已立案查处油烟直排，责令安装净化设施。",
    });
    assert.equal(ans.notified, 2, "both named reporters get the answer");
    assert.deepEqual(
      sent
        .slice(before)
        .map((m) => m.to.address)
        .sort(),
      ["13812345678", "13900001111"],
    );
    const st2 = await status(second);
    assert.equal(st2.publicAnswer, "已立案查处油烟直排，责令安装净化设施。");
    assert.equal(st2.canRate, true);
  });

  test("seed 001 item 25 confidentiality: status page, public JSON, staff detail and documents never show the reporter; unauthorised views are refused and recorded", async () => {
    const code = await codeOf({
      reporter: { name: "钱实名", phone: "13900001111" },
      category: "advertising",
      address: "东湖区新城街道新城大道 1 号",
    });
    const pub = await t.call({ url: `/api/v1/public/complaints/${code}`, remoteAddress: nextIp() });
    noIdentity(pub.body, "the public status JSON");
    assert.ok(!pub.body.includes("新城大道"), "the public status does not show the place either");
    const id = await idOf(code);
    for (const u of ["dh.clerk", "dh.leader", "city.leader"]) {
      const d = await t.call({ url: `/api/v1/complaints/${id}`, as: s[u] });
      assert.equal(d.statusCode, 200);
      noIdentity(d.body, `the staff detail for ${u}`);
    }
    const list = await t.call({ url: "/api/v1/complaints?pageSize=200", as: s["dh.clerk"] });
    noIdentity(list.body, "the staff list");

    // An officer has no complaint.identity: refused at the route, recorded in the security log.
    const officer = await t.call({ url: `/api/v1/complaints/${id}/reporter`, as: s["dh.hb.01"] });
    assertError(officer, 403, "FORBIDDEN");
    const [denied] = await t.ctx.db
      .select()
      .from(securityEvents)
      .where(
        and(eq(securityEvents.kind, "permission_denied"), eq(securityEvents.userId, t.user["dh.hb.01"]!)),
      )
      .orderBy(desc(securityEvents.id))
      .limit(1);
    assert.match(denied!.detail, /reporter/);
    // The city's clerk holds complaint.identity, but only in the city bureau (own scope).
    const cityClerk = await t.call({ url: `/api/v1/complaints/${id}/reporter`, as: s["city.clerk"] });
    assertError(cityClerk, 403, "FORBIDDEN_AGENCY");
    const [denied2] = await t.ctx.db
      .select()
      .from(securityEvents)
      .where(
        and(eq(securityEvents.kind, "permission_denied"), eq(securityEvents.userId, t.user["city.clerk"]!)),
      )
      .limit(1);
    assert.ok(denied2, "the city clerk's refused view is recorded");
    const viewsBefore = await t.ctx.db
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.eventType, "complaint.reporter_viewed"));

    // The receiving bureau's clerk sees it, and the view is in the ledger.
    const ok = await t.call({ url: `/api/v1/complaints/${id}/reporter`, as: s["dh.clerk"] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { complaintId: id, name: "钱实名", phone: "13900001111", email: "" });
    const views = await t.ctx.db
      .select({ actorId: ledgerEntries.actorId, payload: ledgerEntries.payload })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.eventType, "complaint.reporter_viewed"));
    assert.equal(views.length, viewsBefore.length + 1);
    assert.equal(views.at(-1)!.actorId, t.user["dh.clerk"]);

    // Documents sent out: the transfer notice and letter (tested above), the answer message and
    // the lead's case record, from which the documents to the party are made.
    await stepOk(id, "accept", s["dh.clerk"]!);
    await stepOk(id, "verify", s["dh.clerk"]!, { findings: "广告牌未经许可设置" });
    await stepOk(id, "link", s["dh.leader"]!, {
      lead: { partyName: "某广告公司", partyType: "organisation" },
    });
    const d = await detail(id);
    const c = await t.call({ url: `/api/v1/cases/${d.caseId}`, as: s["dh.leader"] });
    noIdentity(c.body, "the case opened from the complaint");
    const before = sent.length;
    await stepOk(id, "answer", s["dh.leader"]!, { answer: "已立案调查违规户外广告。" });
    for (const m of sent.slice(before)) noIdentity(m.text, "the answer message");
    // An answer naming the reporter would be published: refused.
    const code2 = await codeOf({
      reporter: { name: "钱实名", phone: "13900001111" },
      category: "greenery",
      address: "东湖区某公园",
    });
    const id2 = await idOf(code2);
    await stepOk(id2, "accept", s["dh.clerk"]!);
    await stepOk(id2, "verify", s["dh.clerk"]!, { findings: "绿地被踩踏" });
    await stepOk(id2, "close", s["dh.clerk"]!, { reason: "no_violation" });
    const v = (await detail(id2)).version;
    const leak = await t.call({
      method: "POST",
      url: `/api/v1/complaints/${id2}/answer`,
      as: s["dh.clerk"],
      payload: { version: v, answer: "钱实名您好，已处理。" },
    });
    assertError(leak, 400, "VALIDATION_FAILED");

    // The ledger keeps a commitment to the reporter, never the identity.
    const all = await t.ctx.db
      .select({ p: ledgerEntries.payload })
      .from(ledgerEntries)
      .where(like(ledgerEntries.eventType, "complaint.%"));
    for (const e of all) noIdentity(e.p, "a ledger entry");
    // The status pages of every complaint so far.
    for (const e of all) {
      const m = /"trackingCode":"([A-Z0-9]{10})"/.exec(e.p);
      if (m)
        noIdentity(
          (await t.call({ url: `/api/v1/public/complaints/${m[1]}`, remoteAddress: nextIp() })).body,
          "a status page",
        );
    }
  });

  test("seed 001 item 25: a reporter who writes their own name or phone into the description is masked for everyone without complaint.identity", async () => {
    const code = await codeOf({
      category: "illegal_building",
      address: "东湖区湖滨街道湖滨路 300 号",
      description: "我是钱实名，电话13900001111，隔壁在楼顶搭建铁皮房",
      reporter: { name: "钱实名", phone: "13900001111" },
    });
    const id = await idOf(code);
    const forClerk = await t.call({ url: `/api/v1/complaints/${id}`, as: s["dh.clerk"] });
    assert.match((forClerk.json() as { description: string }).description, /钱实名/);
    await stepOk(id, "dispatch", s["dh.clerk"]!, { agencyId: t.agency["donghu-2"] });
    await stepOk(id, "accept", s["dh.xc.lead"]!);
    const forSquad = await t.call({ url: `/api/v1/complaints/${id}`, as: s["dh.xc.lead"] });
    noIdentity(forSquad.body, "the squad's view of the description");
    assert.match((forSquad.json() as { description: string }).description, /\*\*\*/);
    await stepOk(id, "verify", s["dh.xc.lead"]!, { findings: "楼顶确有新建铁皮房" });
    await stepOk(id, "link", s["dh.xc.lead"]!, { lead: { partyName: "待查明" } });
    const d = await detail(id, s["dh.xc.lead"]);
    const c = await t.call({ url: `/api/v1/cases/${d.caseId}`, as: s["dh.xc.lead"] });
    assert.equal(c.statusCode, 200, c.body);
    assert.match((c.json() as { summary: string }).summary, /楼顶搭建铁皮房/);
    noIdentity(c.body, "the lead opened from a description naming the reporter");
  });

  test("photos: multipart with a PNG is stored by SHA-256; a non-image is refused and nothing is written", async () => {
    const form = multipart(
      {
        bureauId: t.agency.donghu,
        category: "litter",
        address: "东湖区湖滨街道湖滨路 99 号",
        description: "建筑垃圾堆在路边",
        anonymous: "true",
      },
      [{ name: "a.png", type: "image/png", bytes: png }],
    );
    const res = await t.call({
      method: "POST",
      url: "/api/v1/public/complaints",
      remoteAddress: nextIp(),
      ...form,
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = await idOf((res.json() as { trackingCode: string }).trackingCode);
    const d = await detail(id);
    assert.equal(d.photos.length, 1);
    const photo = await t.call({ url: `/api/v1/complaint-photos/${d.photos[0]!.id}`, as: s["dh.clerk"] });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers["content-type"], "image/png");
    assert.deepEqual(photo.rawPayload, png);

    const counts = await businessRowCounts(t.ctx.database);
    const bad = multipart(
      {
        bureauId: t.agency.donghu,
        category: "litter",
        address: "湖滨路 99 号",
        description: "建筑垃圾堆在路边",
        anonymous: "true",
      },
      [{ name: "x.exe", type: "image/png", bytes: Buffer.from("MZ this is not an image at all") }],
    );
    assertError(
      await t.call({ method: "POST", url: "/api/v1/public/complaints", remoteAddress: nextIp(), ...bad }),
      400,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), counts);
  });

  test("bad public input is a 400 with a Chinese message and writes nothing", async () => {
    const counts = await businessRowCounts(t.ctx.database);
    for (const over of [
      { anonymous: true },
      { anonymous: false, reporter: undefined },
      { reporter: { name: "张三", phone: "12345" } },
      { category: "flying_saucers" },
      { description: "短" },
      { bureauId: t.agency["donghu-1"] },
      { bureauId: "00000000-0000-4000-8000-000000000000" },
      { latitude: 29.1 },
      { extra: 1 },
    ])
      assertError(await submit(over), 400, "VALIDATION_FAILED");
    assertError(
      await t.call({ url: "/api/v1/public/complaints/not-a-code", remoteAddress: nextIp() }),
      404,
      "NOT_FOUND",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), counts);
  });

  test("rate limit: the 11th public submission in a minute from one address is 429 RATE_LIMITED", async () => {
    const addr = "10.9.9.9";
    for (let i = 0; i < 10; i++) {
      const r = await submit({ description: `占道经营测试第 ${i} 条` }, addr);
      assert.ok(r.statusCode === 201, r.body);
    }
    assertError(await submit({}, addr), 429, "RATE_LIMITED");
    // Another address is not affected.
    assert.equal((await submit({}, "10.9.9.10")).statusCode, 201);
  });

  test("other sources: patrol finding with a photo (accepted at once), assignment from the city, call at the desk, transfer in; every lead records its source", async () => {
    const patrol = multipart(
      {
        agencyId: t.agency["donghu-1"],
        source: "patrol",
        category: "advertising",
        address: "东湖区湖滨街道湖滨路 5 号",
        description: "巡查发现违规设置落地广告牌",
        latitude: "29.11",
        longitude: "119.61",
      },
      [{ name: "p.png", type: "image/png", bytes: png }],
    );
    const p = await t.call({ method: "POST", url: "/api/v1/complaints", as: s["dh.hb.01"], ...patrol });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal((p.json() as { state: string }).state, "accepted");

    const assign = await t.call({
      method: "POST",
      url: "/api/v1/complaints",
      as: s["city.leader"],
      payload: {
        agencyId: t.agency.donghu,
        source: "assignment",
        category: "illegal_building",
        address: "东湖区新城街道新城大道 88 号",
        description: "市领导交办：屋顶违法搭建",
        fromDepartment: "市局交办单〔2026〕3号",
      },
    });
    assert.equal(assign.statusCode, 201, assign.body);
    // A squad officer cannot take calls at the desk, nor assign.
    const notDesk = await t.call({
      method: "POST",
      url: "/api/v1/complaints",
      as: s["dh.hb.01"],
      payload: {
        agencyId: t.agency["donghu-1"],
        source: "phone",
        category: "litter",
        address: "湖滨路 1 号",
        description: "来电反映垃圾",
      },
    });
    assertError(notDesk, 403, "FORBIDDEN_AGENCY");
    const call = await t.call({
      method: "POST",
      url: "/api/v1/complaints",
      as: s["dh.clerk"],
      payload: {
        agencyId: t.agency.donghu,
        source: "phone",
        category: "litter",
        address: "东湖区新城街道新城大道 2 号",
        description: "来电反映垃圾堆放",
        reporter: { name: "孙来电", phone: "0579-22223333" },
      },
    });
    assert.equal(call.statusCode, 201, call.body);
    const tin = await t.call({
      method: "POST",
      url: "/api/v1/complaints",
      as: s["dh.clerk"],
      payload: {
        agencyId: t.agency.donghu,
        source: "transfer_in",
        category: "street_vending",
        address: "东湖区新城街道新城大道 3 号",
        description: "市场监管局移送：流动摊贩",
      },
    });
    assertError(tin, 400, "VALIDATION_FAILED");
    const figures = (await t.call({ url: "/api/v1/complaints/figures", as: s["dh.leader"] })).json() as {
      bySource: { key: string }[];
    };
    for (const k of ["public_web", "patrol", "assignment", "phone"])
      assert.ok(
        figures.bySource.some((x) => x.key === k),
        `figures by source include ${k}`,
      );
  });

  test("dispatch is limited to the owner's units; another bureau cannot act; stale versions conflict", async () => {
    const code = await codeOf({
      category: "street_vending",
      address: "东湖区湖滨街道湖滨路 200 号",
      anonymous: true,
      reporter: undefined,
    });
    const id = await idOf(code);
    const v = (await detail(id)).version;
    const xs = await t.login("xs.admin");
    assertError(await t.call({ url: `/api/v1/complaints/${id}`, as: xs }), 403, [
      "FORBIDDEN",
      "FORBIDDEN_AGENCY",
    ]);
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/complaints/${id}/dispatch`,
        as: s["xs.cg.lead"],
        payload: { version: v, agencyId: t.agency["xishan-1"] },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/complaints/${id}/dispatch`,
        as: s["dh.clerk"],
        payload: { version: v, agencyId: t.agency["xishan-1"] },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/complaints/${id}/dispatch`,
        as: s["dh.clerk"],
        payload: { version: v + 5, agencyId: t.agency["donghu-1"] },
      }),
      409,
      "CONFLICT",
    );
    // A squad may send a dispatched complaint back; the bureau keeps it.
    await stepOk(id, "dispatch", s["dh.clerk"]!, { agencyId: t.agency["donghu-2"] });
    const back = await stepOk(id, "return", s["dh.xc.lead"]!, { reason: "地址在湖滨街道，不属本中队" });
    assert.equal(back.state, "received");
  });
  test("dispatch rules are data per bureau: the most specific rule proposes the unit; only dispatchers change them", async () => {
    const add = await t.call({
      method: "POST",
      url: "/api/v1/complaint-dispatch-rules",
      as: s["dh.clerk"],
      payload: {
        bureauId: t.agency.donghu,
        keyword: "滨江花园",
        category: "litter",
        agencyId: t.agency["donghu-2"],
      },
    });
    assert.equal(add.statusCode, 201, add.body);
    const ruleId = (add.json() as { id: string }).id;
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/complaint-dispatch-rules",
        as: s["dh.hb.01"],
        payload: { bureauId: t.agency.donghu, keyword: "x", agencyId: t.agency["donghu-2"] },
      }),
      403,
      "FORBIDDEN",
    );
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/complaint-dispatch-rules",
        as: s["dh.clerk"],
        payload: { bureauId: t.agency.donghu, keyword: "x", agencyId: t.agency["xishan-1"] },
      }),
      400,
      "VALIDATION_FAILED",
    );
    // 湖滨街道 would propose 湖滨中队 by area; the rule says 新城中队.
    const code = await codeOf({
      category: "litter",
      address: "东湖区湖滨街道滨江花园 3 幢",
      anonymous: true,
      reporter: undefined,
    });
    const d = await detail(await idOf(code));
    assert.equal(d.proposedAgencyId, t.agency["donghu-2"]);
    const rules = await t.call({
      url: `/api/v1/complaint-dispatch-rules?bureauId=${t.agency.donghu}`,
      as: s["dh.leader"],
    });
    assert.ok((rules.json() as { id: string }[]).some((r) => r.id === ruleId));
    const del = await t.call({
      method: "DELETE",
      url: `/api/v1/complaint-dispatch-rules/${ruleId}`,
      as: s["dh.clerk"],
    });
    assert.equal(del.statusCode, 204);
    assert.equal((await detail(d.id)).proposedAgencyId, t.agency["donghu-1"], "without the rule: by area");
  });

  test("deadlines (settings complaint.acceptWorkdays = 3): unaccepted after 3 working days is red in the list", async () => {
    const code = await codeOf({
      category: "municipal_facility",
      address: "东湖区新城街道井盖路 1 号",
      anonymous: true,
      reporter: undefined,
    });
    const id = await idOf(code);
    let red = (
      await t.call({ url: "/api/v1/complaints?light=red&pageSize=200", as: s["dh.clerk"] })
    ).json() as {
      items: { id: string }[];
    };
    assert.ok(!red.items.some((x) => x.id === id));
    t.ctx.clock.advance(10 * 86_400_000);
    // Sessions last 12 hours (security.sessionHours): log in again after the jump.
    s["dh.clerk"] = await t.login("dh.clerk");
    red = (await t.call({ url: "/api/v1/complaints?light=red&pageSize=200", as: s["dh.clerk"] })).json() as {
      items: { id: string }[];
    };
    assert.ok(
      red.items.some((x) => x.id === id),
      "overdue acceptance is red",
    );
    const d = await detail(id);
    assert.equal(d.deadlines.find((x) => x.kind === "accept")!.light, "red");
  });
});
