// SHA-256 from @noble/hashes (audited, synchronous), so fingerprints are identical in Node, the worker and the page
// without waiting on crypto.subtle (which is async and absent on insecure origins).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of a byte array, as 64 lowercase hex digits. O(bytes). */
export function sha256Bytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of a string's UTF-8 bytes, as hex. O(length). */
export function sha256Text(text: string): string {
  return sha256Bytes(utf8ToBytes(text));
}
