import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ledgerKeys } from "./schema.ts";

/**
 * One Ed25519 key per agency, kept outside the database: in DATA_DIR/keys by default, or in the
 * folder named by GUIFAN_KEY_DIR (production: a mounted secret). The public half is published in
 * ledger_keys so anyone can check checkpoints.
 */
export const keyDir = (dataDir: string): string => process.env.GUIFAN_KEY_DIR || path.join(dataDir, "keys");

export type AgencyKey = { keyId: string; privateKey: KeyObject; publicKeyPem: string };

const keyIdOf = (publicKey: KeyObject): string =>
  createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("hex")
    .slice(0, 16);

const cache = new Map<string, AgencyKey>();

export function loadOrCreateKey(dir: string, agencyId: string): AgencyKey {
  const file = path.join(dir, `${agencyId}.ed25519.pem`);
  const cached = cache.get(file);
  if (cached) return cached;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    try {
      fs.writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }), {
        mode: 0o600,
        flag: "wx",
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const key = {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
  cache.set(file, key);
  return key;
}

/** Makes sure the agency's public key is published; returns the key. */
export async function agencySigningKey(
  ex: Executor,
  dir: string,
  agencyId: string,
  now: Date,
): Promise<AgencyKey> {
  const key = loadOrCreateKey(dir, agencyId);
  const [known] = await ex.select().from(ledgerKeys).where(eq(ledgerKeys.keyId, key.keyId));
  if (!known) {
    await ex
      .insert(ledgerKeys)
      .values({ keyId: key.keyId, agencyId, publicKey: key.publicKeyPem, createdAt: now })
      .onConflictDoNothing();
  }
  return key;
}

export const signBody = (key: AgencyKey, body: string): Buffer =>
  sign(null, Buffer.from(body, "utf8"), key.privateKey);

export function verifyBody(publicKeyPem: string, body: string, signature: Uint8Array): boolean {
  try {
    return verifyBodyWith(createPublicKey(publicKeyPem), body, signature);
  } catch {
    return false;
  }
}

/** verifyBody with a key already read (verification reads each agency's keys once). */
export function verifyBodyWith(publicKey: KeyObject, body: string, signature: Uint8Array): boolean {
  try {
    return verify(null, Buffer.from(body, "utf8"), publicKey, signature);
  } catch {
    return false;
  }
}

/** The signed text of a checkpoint (a C2SP-style note). */
export const checkpointBody = (agencyId: string, size: number, root: Buffer, at: Date): string =>
  `guifan.ledger/${agencyId}\n${size}\n${root.toString("base64")}\n${at.toISOString()}\n`;
