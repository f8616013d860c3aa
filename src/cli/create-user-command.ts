import { Command } from "commander";
import { eq } from "drizzle-orm";
import { loadConfig } from "../core/config.ts";
import { AppError } from "../core/errors.ts";
import { agencies } from "../modules/agencies/schema.ts";
import { createUser } from "../modules/identity/create-user.ts";
import { createUserInput } from "../modules/identity/user.ts";
import { openApp } from "../startup.ts";

/** `guifan user create`: the operator's way in, e.g. the first administrator of a real bureau. */
export function createUserCommand(): Command {
  const user = new Command("user").description("staff accounts");
  user
    .command("create")
    .description("create an account with roles (as the platform operator)")
    .requiredOption("--username <name>")
    .requiredOption("--name <displayName>", "display name")
    .requiredOption("--password <password>")
    .requiredOption(
      "--role <agency:role...>",
      "agency short name or id, and role code, e.g. 示范综执:sysadmin",
    )
    .option("--phone <phone>", "", "")
    .action(
      async (o: { username: string; name: string; password: string; role: string[]; phone: string }) => {
        const ctx = await openApp(loadConfig());
        try {
          const memberships = [];
          for (const spec of o.role) {
            const [agencyRef, role] = spec.split(":");
            const [agency] = await ctx.db
              .select()
              .from(agencies)
              .where(
                /^[0-9a-f-]{36}$/.test(agencyRef ?? "")
                  ? eq(agencies.id, agencyRef!)
                  : eq(agencies.shortName, agencyRef ?? ""),
              );
            if (!agency) throw new AppError("NOT_FOUND", `机构不存在：${agencyRef}`);
            memberships.push({ agencyId: agency.id, role });
          }
          const parsed = createUserInput.safeParse({
            username: o.username,
            displayName: o.name,
            phone: o.phone,
            password: o.password,
            memberships,
          });
          if (!parsed.success)
            throw new AppError(
              "VALIDATION_FAILED",
              parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
            );
          const created = await createUser(ctx, null, parsed.data);
          process.stdout.write(`Created ${created.username} (${created.displayName})\n`);
        } finally {
          await ctx.database.close();
        }
      },
    );
  return user;
}
