/**
 * Test support for the domain, db and http suites.
 *
 *  - testDatabase(): a fresh migrated Database (PGlite by default; a throwaway database on the
 *    server named by TEST_DATABASE_URL otherwise), removed on close().
 *  - testContext(): an AppContext over testDatabase() with the packaged calendar, and a clock the
 *    test moves by hand (ctx.clock.advance).
 *  - testApp(): the demo city (every account's password is demoPassword) behind buildApp, with
 *    login(username) and call({ as, ...inject }) that fails on any 5xx or leaked password hash.
 *  - smallTree(), principal(), packageCalendar(), rowCounts() / businessRowCounts().
 */
export * from "./app.ts";
export * from "./calendar.ts";
export * from "./context.ts";
export * from "./database.ts";
export * from "./fixtures.ts";
export * from "./personal-data.ts";
