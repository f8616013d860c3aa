import { z } from "zod";
import { roleCodes } from "./roles.ts";

export const membershipInput = z.strictObject({ agencyId: z.uuid(), role: z.enum(roleCodes) });

export const createUserInput = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,40}$/, "用户名为 3–40 位字母、数字、下划线、点或连字符"),
  displayName: z.string().trim().min(1).max(50),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9\-+() ]{0,30}$/, "电话号码格式不正确")
    .default(""),
  password: z.string().min(1).max(128),
  memberships: z.array(membershipInput).min(1, "至少分配一个机构和角色").max(50),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z.strictObject({
  version: z.number().int().min(1),
  displayName: z.string().trim().min(1).max(50).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9\-+() ]{0,30}$/, "电话号码格式不正确")
    .optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string(),
  active: z.boolean(),
  lockedUntil: z.date().nullable(),
  version: z.number(),
  memberships: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), role: z.string() })),
});
export type UserView = z.infer<typeof userView>;
