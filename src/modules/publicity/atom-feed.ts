/** An Atom feed (RFC 4287) of newly published decisions: public fields only. */
type Item = {
  id: string;
  caseNumber: string;
  agencyName: string;
  partyDisplay: string;
  violation: string;
  penalty: string;
  publishedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
};

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

export function atomFeed(base: string, items: readonly Item[], now: Date): string {
  const updated = (items[0]?.publishedAt ?? now).toISOString();
  const entries = items.map((d) => {
    const link = `${base}/public/decisions/${d.id}`;
    const summary = d.withdrawnAt
      ? `已撤回：${d.withdrawalReason ?? ""}`
      : `${d.agencyName}对${d.partyDisplay}${d.violation}作出决定：${d.penalty}`;
    return [
      "  <entry>",
      `    <id>urn:uuid:${d.id}</id>`,
      `    <title>${xml(`${d.caseNumber} ${d.partyDisplay}`)}</title>`,
      `    <link href="${xml(link)}"/>`,
      `    <updated>${(d.withdrawnAt ?? d.publishedAt).toISOString()}</updated>`,
      `    <summary>${xml(summary)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    "  <title>行政执法决定公示</title>",
    `  <id>${xml(`${base}/public/decisions`)}</id>`,
    `  <link rel="self" href="${xml(`${base}/api/v1/public/decisions/feed.atom`)}"/>`,
    `  <updated>${updated}</updated>`,
    "  <author><name>Guifan</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
