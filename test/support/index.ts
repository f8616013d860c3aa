export * from "./app.ts";
export * from "./calendar.ts";
export * from "./context.ts";
export * from "./database.ts";
export * from "./fixtures.ts";
