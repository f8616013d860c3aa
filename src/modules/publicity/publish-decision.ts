import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findCase } from "../cases/find-case.ts";
import { caseDocuments, documentBody } from "../documents/case-documents.ts";
import { describePenalty } from "../documents/decision-check.ts";
import { loadCaseFile } from "../documents/load-case-file.ts";
import { can, type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { maskName, maskText, type Person } from "./mask.ts";
import { bodyText, type PublicRecord, searchableText } from "./public-record.ts";
import { publicDecisions } from "./schema.ts";
import { forgetPublicSearches } from "./search-cache.ts";
import { searchTokens } from "./tokens.ts";

const published = ["penalty_decision", "spot_penalty_decision", "no_penalty_decision"];

/**
 * Publishes a case's decision on the public site (C13, G3): the decision document's text with every
 * individual's name, ID number, phone number and home address masked by the server (G6), and a
 * ledger entry whose payload is exactly the public record (so anyone can verify it, C7).
 */
export async function publishDecision(ctx: AppContext, actor: Principal, caseId: string) {
  const result = await ctx.db.transaction(async (tx) => {
    const loaded = await findCase(tx, actor, caseId);
    // A squad's decision is made and published in its bureau's name.
    if (!can(actor, "publicity.manage", loaded.agency.path))
      requirePermission(actor, "publicity.manage", loaded.bureau.path);
    const decided = [...loaded.events].reverse().find((e) => e.event === "decide");
    if (!decided) throw new AppError("TRANSITION_NOT_ALLOWED", "本案尚未作出决定，不能公示（G3）");
    const [already] = await tx
      .select({ id: publicDecisions.id })
      .from(publicDecisions)
      .where(eq(publicDecisions.decisionEventId, decided.id));
    if (already) throw new AppError("DUPLICATE", "该决定已经公示");
    const file = await loadCaseFile(tx, loaded);
    const doc = caseDocuments(file).find((d) => d.event.seq === decided.seq && published.includes(d.kind));
    if (!doc)
      throw new AppError(
        "TRANSITION_NOT_ALLOWED",
        decided.data.outcome === "transfer" ? "移送司法机关的决定不在网上公示" : "本案的决定文书不能公示",
      );
    if (doc.refusal) throw new AppError("DOCUMENT_INCOMPLETE", doc.refusal.message);
    const c = loaded.case;
    const individual = c.partyType === "individual";
    // Everyone named in the record who is a private person (G6): the party, persons interviewed.
    const people: Person[] = [
      individual
        ? { name: c.partyName, idNumber: c.partyIdNumber, phone: c.partyPhone, address: c.partyAddress }
        : { name: "", phone: c.partyPhone },
      ...loaded.events
        .map((e) => e.data.interviewee)
        .filter((n): n is string => typeof n === "string" && n.trim().length > 0)
        .map((name) => ({ name: name.replace(/^(证人|当事人)/, "") })),
    ];
    const mask = (t: string) => maskText(t, people);
    const id = newId();
    const record: PublicRecord = {
      publicationId: id,
      caseNumber: c.number ?? "",
      title: doc.title,
      agencyName: file.issuer.name,
      partyDisplay: individual ? maskName(c.partyName) : c.partyName,
      creditCode: individual ? "" : c.partyIdNumber,
      field: c.field,
      violation: mask(c.summary),
      penalty:
        decided.data.outcome === "penalty" ? describePenalty(decided.data.penalty as never) : "不予行政处罚",
      body: mask(bodyText(documentBody(file, doc))),
      decidedOn: decided.onDate,
    };
    const now = ctx.now();
    const entryId = await appendEntry(tx, {
      agencyId: c.agencyId,
      actorId: actor.userId,
      caseId: c.id,
      type: "publicity.published",
      payload: record,
      at: now,
    });
    await tx.insert(publicDecisions).values({
      id,
      agencyId: c.agencyId,
      caseId: c.id,
      decisionEventId: decided.id,
      caseNumber: record.caseNumber,
      title: record.title,
      agencyName: record.agencyName,
      partyDisplay: record.partyDisplay,
      creditCode: record.creditCode,
      field: record.field,
      violation: record.violation,
      penalty: record.penalty,
      body: record.body,
      decidedOn: record.decidedOn,
      tokens: searchTokens(searchableText(record)),
      publishedBy: actor.userId,
      publishedAt: now,
      ledgerEntryId: entryId,
    });
    return record;
  });
  forgetPublicSearches(ctx);
  return result;
}
