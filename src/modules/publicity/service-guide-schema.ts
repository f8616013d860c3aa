import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * Service guides (服务指南, C13, G1) published on the public site: how to file a complaint, apply
 * for reconsideration or a licence… Append-only: a guide is a chain of versions under one itemId;
 * a change or a removal is a new version.
 */
export const serviceGuideVersions = pgTable(
  "service_guide_versions",
  {
    id: uuid("id").primaryKey(),
    /** The guide across its versions. */
    itemId: uuid("item_id").notNull(),
    version: integer("version").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    title: text("title").notNull(),
    /** complaint | remedy | licence | information | other (service-guide.ts). */
    category: text("category").notNull(),
    /** 适用范围 */
    scope: text("scope").notNull(),
    /** 设定依据 */
    basis: text("basis").notNull(),
    /** 申请材料 */
    materials: text("materials").array().notNull(),
    /** 办理流程 */
    steps: text("steps").array().notNull(),
    /** 办理时限 */
    timeLimit: text("time_limit").notNull(),
    /** 收费标准 */
    fee: text("fee").notNull(),
    /** 办理地点 */
    place: text("place").notNull(),
    /** 咨询电话 (the agency's office number) */
    phone: text("phone").notNull(),
    /** 办公时间 */
    hours: text("hours").notNull(),
    /** A removal: the guide leaves the site (the history stays). */
    removed: boolean("removed").notNull().default(false),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique("service_guide_versions_uq").on(t.itemId, t.version),
    index("service_guide_versions_agency_idx").on(t.agencyId),
  ],
);
