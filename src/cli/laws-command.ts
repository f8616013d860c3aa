import fs from "node:fs";
import { Command } from "commander";
import { loadConfig } from "../core/config.ts";
import { importLaws, parseLawImportFile } from "../modules/laws/import-laws.ts";
import { openApp } from "../startup.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);

/** `guifan laws import FILE`: loads laws from a structured JSON file (as the platform operator). */
export function lawsCommand(): Command {
  const laws = new Command("laws").description("laws library (C03)");
  laws
    .command("import")
    .description(
      'load laws from a JSON file: { "laws": [{ title, level, issuingBody, documentNumber, promulgatedOn, effectiveOn, repealedOn, articles: [{ number, text }] }] }; a changed article becomes a new version and flags the items citing it',
    )
    .argument("<file>", "JSON file")
    .action(async (file: string) => {
      const data = parseLawImportFile(JSON.parse(fs.readFileSync(file, "utf8")));
      const ctx = await openApp(loadConfig());
      try {
        const r = await importLaws(ctx, null, data);
        say(
          `Loaded ${r.laws} laws (${r.lawsCreated} new): ${r.articlesCreated} new articles, ${r.articleVersions} new article versions, ${r.unchanged} unchanged; ${r.flagged} items/benchmarks flagged for review`,
        );
      } finally {
        await ctx.database.close();
      }
    });
  return laws;
}
