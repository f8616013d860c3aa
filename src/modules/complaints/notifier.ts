import type { AppContext } from "../../context.ts";

/** Where a message goes: a phone number (SMS) or an e-mail address. */
export type Recipient = { kind: "sms" | "email"; address: string };

/**
 * Messages to named reporters (answers, transfer notices). SMS and e-mail gateways are outside
 * systems; a bureau plugs in its own implementation with `setNotifier`.
 */
export interface Notifier {
  send(to: Recipient, text: string): Promise<void>;
}

/** Masks a phone or e-mail for logs (the identity is confidential, seed 001 item 25). */
export function maskAddress(to: Recipient): string {
  if (to.kind === "sms") return to.address.replace(/^(.*?)(\d{3})\d{4}(\d{4})$/, "$1$2****$3");
  const [user, domain] = to.address.split("@");
  return `${(user ?? "").slice(0, 1)}***@${domain ?? ""}`;
}

/** The default: writes the message to the server log (stdout, JSON line), the recipient masked. */
export const logNotifier: Notifier = {
  async send(to, text) {
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), msg: "notification", channel: to.kind, to: maskAddress(to), text })}\n`,
    );
  },
};

const notifiers = new WeakMap<AppContext, Notifier>();

export const notifierOf = (ctx: AppContext): Notifier => notifiers.get(ctx) ?? logNotifier;

/** Installs the notifier of a server (or a test double). */
export function setNotifier(ctx: AppContext, n: Notifier): void {
  notifiers.set(ctx, n);
}
