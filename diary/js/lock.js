// The optional passphrase lock: the diary sealed with AES-GCM, its key made from the
// passphrase with PBKDF2 (SHA-256), both from the browser's own Web Crypto.
// NIST SP 800-132 describes PBKDF2; the iteration count follows OWASP's 2023 advice for
// PBKDF2-HMAC-SHA256 (600,000). A forgotten passphrase cannot be recovered: nothing else
// can open the sealed diary, by design.

import { t } from "./i18n.js";

export const ITERATIONS = 600000;
const subtle = () => globalThis.crypto.subtle;

/** A random salt (16 bytes) for a new passphrase. */
export function newSalt() {
  return globalThis.crypto.getRandomValues(new Uint8Array(16));
}

/** The AES-GCM key made from `passphrase` and `salt`. */
export async function deriveKey(passphrase, salt, iterations = ITERATIONS) {
  const material = await subtle().importKey(
    "raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return subtle().deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** `value` (anything JSON can hold) sealed with `key`: {iv, data}, both bytes. */
export async function seal(key, value) {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = new Uint8Array(await subtle().encrypt({ name: "AES-GCM", iv }, key, plain));
  return { iv, data };
}

/** What `seal` sealed; throws WrongPassphrase when the key does not open it. */
export async function open(key, sealed) {
  let plain;
  try {
    plain = await subtle().decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
  } catch {
    throw new WrongPassphrase();
  }
  return JSON.parse(new TextDecoder().decode(plain));
}

export class WrongPassphrase extends Error {
  constructor() {
    super(t("That passphrase does not open this diary. Check it and try again. "
      + "A forgotten passphrase cannot be recovered."));
    this.name = "WrongPassphrase";
  }
}
