#!/usr/bin/env python3
"""SHA-256 of a JSON file's RFC 8785 (JCS) canonical form: an implementation independent of the app's, in Python's
standard library only, so a hash the app stores (model records, model files, dataset fingerprints) can be checked
without JavaScript.

Run from the repository root:

    python3 tools/jcs/jcs_sha256.py FILE.json                      # hash of the whole value
    python3 tools/jcs/jcs_sha256.py FILE.json --without sha256     # hash with a top-level key left out (repeatable)
    python3 tools/jcs/jcs_sha256.py FILE.json --canonical          # print the canonical text instead of its hash

A model file exported by the app verifies with `--without sha256`. tools/jcs/fixture.sha256.json holds this
script's output for tools/jcs/fixture.json (the whole value, and without its "sha256" key); after editing the
fixture, regenerate it with

    python3 tools/jcs/jcs_sha256.py tools/jcs/fixture.json --golden > tools/jcs/fixture.sha256.json

It covers the JSON the app writes: objects, arrays, strings, finite numbers, true, false, null. Numbers are read as
IEEE 754 doubles, as JavaScript does. NaN, Infinity, duplicate keys and lone surrogates are rejected, as RFC 8785
requires (the app's {"nonFinite": "NaN"} stand-ins are ordinary objects and hash like any other).
"""

import argparse
import hashlib
import json
import sys


def number_text(x: float) -> str:
    """ECMAScript Number::toString(x) for a finite double (RFC 8785 section 3.2.2.3)."""
    if x != x or x in (float('inf'), float('-inf')):
        raise ValueError('NaN and Infinity have no JSON form')
    if x == 0:
        return '0'  # also -0
    if x < 0:
        return '-' + number_text(-x)
    # repr gives the shortest digit string that reads back as x, the nearest such to x: the digits ECMAScript wants.
    mantissa, _, exponent = repr(x).partition('e')
    whole, _, fraction = mantissa.partition('.')
    digits = whole + fraction
    point = len(whole) + int(exponent or 0)  # x = 0.digits × 10^point
    stripped = digits.lstrip('0')
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip('0')
    k, n = len(digits), point
    if k <= n <= 21:
        return digits + '0' * (n - k)
    if 0 < n <= 21:
        return digits[:n] + '.' + digits[n:]
    if -6 < n <= 0:
        return '0.' + '0' * -n + digits
    e = n - 1
    sign = '+' if e >= 0 else '-'
    head = digits if k == 1 else digits[0] + '.' + digits[1:]
    return head + 'e' + sign + str(abs(e))


SHORT_ESCAPES = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r'}


def string_text(s: str) -> str:
    """A JSON string as RFC 8785 section 3.2.2.2 writes it: only ", \\ and U+0000..U+001F escaped."""
    out = ['"']
    for ch in s:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            raise ValueError('lone surrogate U+%04X is not allowed' % code)
        if ch in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[ch])
        elif code < 0x20:
            out.append('\\u%04x' % code)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def utf16_units(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare in the same order as the code units they encode.
    return key.encode('utf-16-be')


def canonical(value) -> str:
    """RFC 8785 canonical text of a parsed JSON value."""
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, str):
        return string_text(value)
    if isinstance(value, list):
        return '[' + ','.join(canonical(item) for item in value) + ']'
    if isinstance(value, dict):
        keys = sorted(value, key=utf16_units)
        return '{' + ','.join(string_text(k) + ':' + canonical(value[k]) for k in keys) + '}'
    raise TypeError('not a JSON value: %r' % (value,))


def no_duplicates(pairs):
    obj = {}
    for key, item in pairs:
        if key in obj:
            raise ValueError('duplicate key %r' % key)
        obj[key] = item
    return obj


def reject_constant(name):
    raise ValueError('%s is not JSON' % name)


def load(path: str):
    with open(path, encoding='utf-8') as f:
        # Every number becomes a double, as in JavaScript: 12345678901234567890 reads as 12345678901234567000.
        return json.load(f, parse_int=float, parse_constant=reject_constant, object_pairs_hook=no_duplicates)


def without(value, keys):
    if not keys:
        return value
    if not isinstance(value, dict):
        raise ValueError('--without needs a JSON object at the top level')
    return {k: v for k, v in value.items() if k not in keys}


def sha256_hex(value) -> str:
    return hashlib.sha256(canonical(value).encode('utf-8')).hexdigest()


def main(argv) -> int:
    parser = argparse.ArgumentParser(description='SHA-256 of a JSON file in RFC 8785 canonical form.')
    parser.add_argument('file')
    parser.add_argument('--without', action='append', default=[], metavar='KEY', help='leave out this top-level key')
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument('--canonical', action='store_true', help='print the canonical text, not its hash')
    mode.add_argument('--golden', action='store_true', help='print {"sha256", "sha256WithoutKeySha256"} as JSON')
    args = parser.parse_args(argv)
    value = load(args.file)
    if args.golden:
        golden = {'sha256': sha256_hex(value), 'sha256WithoutKeySha256': sha256_hex(without(value, ['sha256']))}
        print(json.dumps(golden, indent=2))
    elif args.canonical:
        sys.stdout.buffer.write(canonical(without(value, args.without)).encode('utf-8'))
    else:
        print(sha256_hex(without(value, args.without)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
