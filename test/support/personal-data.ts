import assert from "node:assert/strict";

/** 18-digit resident ID numbers and mainland mobile numbers (G6). */
const idNumberPattern = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
const mobilePattern = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** Record ids: a random UUID may hold 11 digits in a row ("…-e13255161639"); they are no one's phone. */
const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** G6: no ID number or mobile number anywhere in a public response or page, ids aside. */
export function assertNoPersonalNumbers(text: string, what: string): void {
  const shown = text.replace(uuids, "<id>");
  assert.doesNotMatch(shown, idNumberPattern, `${what} carries an ID number`);
  assert.doesNotMatch(shown, mobilePattern, `${what} carries a mobile number`);
}
