import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * The random-inspection item list (随机抽查事项清单, C13) published on the public site. Append-only:
 * an item is a chain of versions under one itemId; a change or a removal is a new version.
 */
export const inspectionItemVersions = pgTable(
  "inspection_item_versions",
  {
    id: uuid("id").primaryKey(),
    /** The item across its versions. */
    itemId: uuid("item_id").notNull(),
    version: integer("version").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    field: text("field").notNull(),
    /** 检查对象 */
    subject: text("subject").notNull(),
    /** 检查方式 (现场检查、书面检查…) */
    method: text("method").notNull(),
    /** 抽查比例与频次 */
    frequency: text("frequency").notNull(),
    /** 检查依据 */
    basis: text("basis").notNull(),
    /** A removal: the item leaves the list (the history stays). */
    removed: boolean("removed").notNull().default(false),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique("inspection_item_versions_uq").on(t.itemId, t.version),
    index("inspection_item_versions_agency_idx").on(t.agencyId),
  ],
);
