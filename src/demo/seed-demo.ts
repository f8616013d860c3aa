import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { createAgencyInput } from "../modules/agencies/agency.ts";
import { createAgency } from "../modules/agencies/create-agency.ts";
import { agencies } from "../modules/agencies/schema.ts";
import { createUser } from "../modules/identity/create-user.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";
import { generatePassword } from "../modules/identity/password.ts";
import { seedDemoCases } from "./demo-cases.ts";
import { demoAgencies, demoUsers } from "./demo-city.ts";
import { seedDemoComplaints } from "./demo-complaints.ts";
import { seedDemoLaws } from "./demo-laws.ts";
import { seedDemoOfficers } from "./demo-officers.ts";
import { seedDemoPublicity } from "./demo-publicity.ts";
import { seedDemoReviews } from "./demo-reviews.ts";

export type DemoLogin = { username: string; displayName: string; password: string; roles: string };

/**
 * Creates the demo city through the same use cases users call: the root bureau and its first
 * administrator by bootstrap, everything else as that administrator. Does nothing when the
 * database already has agencies. `password` gives every demo account the same password
 * (tests, CI); otherwise each gets a random one.
 */
export async function seedDemo(
  ctx: AppContext,
  opts: { password?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoLogin[] | undefined> {
  const [existing] = await ctx.db.select({ n: count() }).from(agencies);
  if (existing && existing.n > 0) return undefined;
  const total = demoAgencies.length + demoUsers.length;
  let done = 0;
  const ids = new Map<string, string>();
  const logins: DemoLogin[] = [];
  const tick = () => opts.onProgress?.(++done, total);

  const [root, ...rest] = demoAgencies;
  const { key: rootKey, parent: _p, ...rootInput } = root!;
  ids.set(
    rootKey,
    (await createAgency(ctx, null, createAgencyInput.parse({ ...rootInput, parentId: null }))).id,
  );
  tick();

  const [adminSpec, ...staff] = demoUsers;
  const adminPassword = opts.password ?? generatePassword();
  const admin = await createUser(ctx, null, {
    username: adminSpec!.username,
    displayName: adminSpec!.displayName,
    phone: "",
    password: adminPassword,
    memberships: adminSpec!.roles.map(([a, role]) => ({ agencyId: ids.get(a)!, role })),
  });
  logins.push({
    username: admin.username,
    displayName: admin.displayName,
    password: adminPassword,
    roles: "sysadmin@city",
  });
  tick();
  const actor = (await principalForUser(ctx.db, admin.id))!;

  for (const { key, parent, ...input } of rest) {
    ids.set(
      key,
      (await createAgency(ctx, actor, createAgencyInput.parse({ ...input, parentId: ids.get(parent!)! }))).id,
    );
    tick();
  }
  const userIds = new Map<string, string>([[admin.username, admin.id]]);
  for (const u of staff) {
    const password = opts.password ?? generatePassword();
    const created = await createUser(ctx, actor, {
      username: u.username,
      displayName: u.displayName,
      phone: `1390579${String(1000 + logins.length).padStart(4, "0")}`,
      password,
      memberships: u.roles.map(([a, role]) => ({ agencyId: ids.get(a)!, role })),
    });
    userIds.set(u.username, created.id);
    logins.push({
      username: u.username,
      displayName: u.displayName,
      password,
      roles: u.roles.map(([a, r]) => `${r}@${a}`).join(", "),
    });
    tick();
  }
  // Officers, certificates and training (C04), after the accounts exist.
  await seedDemoOfficers(ctx, actor, ids);
  // Laws library, powers catalogue and discretion benchmarks (C02, C03).
  await seedDemoLaws(ctx, actor, ids.get("city")!);
  // Sample cases (C06, C07) in 西山县城关中队.
  await seedDemoCases(ctx, userIds, ids.get("xishan-1")!);
  // Sample complaints and other lead sources (issue 8) in 东湖区.
  await seedDemoComplaints(ctx, userIds, ids);
  // The county bureaus' lists of major decisions (L1: legal review, collective discussion).
  await seedDemoReviews(ctx, userIds, ids);
  // Service guides, random-inspection items and their results on the public site (C13).
  await seedDemoPublicity(ctx, userIds, ids);
  return logins;
}

/** Prints the demo logins once and keeps a copy in DATA_DIR/demo-logins.txt (for the operator only). */
export function reportDemoLogins(logins: DemoLogin[], dataDir: string, out: (line: string) => void): void {
  const lines = [
    "",
    "演示账号 (demo logins) — shown once; a copy is in demo-logins.txt in the data folder:",
    ...logins.map(
      (l) => `  ${l.username.padEnd(12)} ${l.password.padEnd(14)} ${l.displayName}  [${l.roles}]`,
    ),
    "",
  ];
  for (const l of lines) out(l);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, "demo-logins.txt"), `${lines.join("\n")}\n`, { mode: 0o600 });
}
