import { z } from "zod";

/** State of a recording device (执法记录仪). Only a device in service can be handed out. */
export const deviceStatuses = { in_service: "在用", maintenance: "维修", retired: "报废" } as const;
export type DeviceStatus = keyof typeof deviceStatuses;
export const deviceStatusCodes = Object.keys(deviceStatuses) as [DeviceStatus, ...DeviceStatus[]];

export const registerDeviceInput = z.strictObject({
  agencyId: z.uuid(),
  serialNumber: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.\-/]+$/, "序列号只能包含字母、数字和 . - _ /"),
  model: z.string().trim().max(100).default(""),
  status: z.enum(deviceStatusCodes).default("in_service"),
});
export type RegisterDeviceInput = z.input<typeof registerDeviceInput>;

export const assignDeviceInput = z.strictObject({
  officerId: z.uuid(),
  note: z.string().trim().max(500).default(""),
});

export const returnDeviceInput = z.strictObject({ note: z.string().trim().max(500).default("") });

export const deviceStatusInput = z.strictObject({
  status: z.enum(deviceStatusCodes),
  note: z.string().trim().max(500).default(""),
});
