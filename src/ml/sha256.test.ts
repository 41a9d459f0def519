import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Text } from './sha256';

// Known answers: "abc", the 448-bit message and one million "a" are FIPS 180-2 Appendix B.1–B.3; the empty message
// (NIST CAVP, Len = 0) and the 896-bit message are the usual companions in NIST-derived test-vector lists.
describe('sha256Text', () => {
  it('gives the NIST digest of the empty string', () => {
    expect(sha256Text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the NIST digest of "abc" (one block)', () => {
    expect(sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the NIST digest of the 448-bit message, whose padding spills into a second block', () => {
    expect(sha256Text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('gives the NIST digest of the 896-bit two-block message', () => {
    const message = 'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
    expect(sha256Text(message)).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
  });

  it('gives the NIST digest of one million "a" (15,625 blocks)', () => {
    expect(sha256Text('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    const text = 'café €5 😀';
    expect(sha256Text(text)).toBe(sha256Bytes(new TextEncoder().encode(text)));
    expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('sha256Bytes', () => {
  it("agrees with Node's OpenSSL SHA-256 for every length from 0 to 300 bytes (each padding case) and for 3 MB", () => {
    const bytes = Uint8Array.from({ length: 3_000_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
    const lengths = [...Array.from({ length: 301 }, (_, n) => n), 3_000_000];
    const ours = lengths.map((n) => sha256Bytes(bytes.subarray(0, n)));
    const openssl = lengths.map((n) => createHash('sha256').update(bytes.subarray(0, n)).digest('hex'));
    expect(ours).toEqual(openssl);
  });
});
