/** The outcome of one legal rule check: ok, or a refusal with a stable code, the rule ID and a Chinese reason. */
export type RuleResult = { ok: true } | { ok: false; code: string; ruleId: string; message: string };

export const ok: RuleResult = { ok: true };

export const refuse = (code: string, ruleId: string, message: string): RuleResult => ({
  ok: false,
  code,
  ruleId,
  message,
});
