import { z } from "zod";

/**
 * Preserved and seized items (先行登记保存、查封扣押的物品, C14). The inventory is a projection of the
 * case's append-only steps: items enter with `preserve_evidence` or `seal_seize` (with the list
 * handed to the party), and their status follows the decisions taken on them (C4, K3) and the
 * disposal of confiscated goods (X7). Nothing is stored twice.
 */
export const seizedItem = z.strictObject({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().positive().max(1_000_000_000),
  unit: z.string().trim().min(1).max(20),
  note: z.string().trim().max(500).default(""),
});
export const seizedItems = z.array(seizedItem).min(1).max(200);
export type SeizedItem = z.infer<typeof seizedItem>;

export const itemStatuses = {
  preserved: "先行登记保存中",
  sealed: "查封、扣押中",
  released: "已解除（退还）",
  confiscated: "已没收",
  destroyed: "已销毁",
  auctioned: "已拍卖（款项上缴国库）",
  transferred: "已移送",
} as const;
export type ItemStatus = keyof typeof itemStatuses;

/** What a decision on preserved (C4) or seized (K3) items does to them. */
const afterDecision: Record<string, ItemStatus> = {
  return: "released",
  release: "released",
  seal_seize: "sealed",
  confiscate: "confiscated",
  destroy: "destroyed",
  transfer: "transferred",
  auction: "auctioned",
};

export type InventoryItem = SeizedItem & {
  /** Position in the case's inventory (1-based, in the order the items were taken). */
  no: number;
  status: ItemStatus;
  statusName: string;
  /** The step that took the item and the last step that changed it. */
  takenOn: string;
  takenBy: "preserve_evidence" | "seal_seize";
  changedOn: string;
};

type Step = { event: string; onDate: string; data: Record<string, unknown> };

/**
 * The item inventory of a case from its steps (in order). A decision applies to the items still
 * held under that measure; `dispose_items` (X7) applies to the confiscated items it names (the
 * proceeds of an auction are recorded on that step and go to the treasury).
 */
export function itemInventory(steps: readonly Step[]): InventoryItem[] {
  const items: InventoryItem[] = [];
  for (const s of steps) {
    if (s.event === "preserve_evidence" || s.event === "seal_seize") {
      const list = Array.isArray(s.data.items) ? (s.data.items as SeizedItem[]) : [];
      for (const it of list)
        items.push({
          ...it,
          no: items.length + 1,
          status: s.event === "preserve_evidence" ? "preserved" : "sealed",
          statusName: "",
          takenOn: s.onDate,
          takenBy: s.event,
          changedOn: s.onDate,
        });
    } else if (s.event === "decide_preserved" || s.event === "decide_seized") {
      const held: ItemStatus = s.event === "decide_preserved" ? "preserved" : "sealed";
      const next = afterDecision[String(s.data.decision)];
      if (!next) continue;
      for (const it of items)
        if (it.status === held) {
          it.status = next;
          it.changedOn = s.onDate;
        }
    } else if (s.event === "dispose_items") {
      const nos = new Set((s.data.itemNos as number[] | undefined) ?? []);
      const to = afterDecision[String(s.data.disposal)];
      if (!to) continue;
      for (const it of items)
        if (nos.has(it.no) && it.status === "confiscated") {
          it.status = to;
          it.changedOn = s.onDate;
        }
    }
  }
  return items.map((it) => ({ ...it, statusName: itemStatuses[it.status] }));
}
