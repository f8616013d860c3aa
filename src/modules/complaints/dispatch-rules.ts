import { z } from "zod";
import { complaintCategoryCodes } from "./complaint.ts";

/** A dispatch rule of a bureau (data per bureau; see proposeAgency in complaint.ts). */
export const dispatchRuleInput = z
  .strictObject({
    bureauId: z.uuid(),
    keyword: z.string().trim().max(50).default(""),
    category: z.union([z.enum(complaintCategoryCodes), z.literal("")]).default(""),
    agencyId: z.uuid(),
  })
  .refine((v) => v.keyword !== "" || v.category !== "", {
    message: "请至少填写地址关键词或类别",
    path: ["keyword"],
  });
export type DispatchRuleInput = z.input<typeof dispatchRuleInput>;
