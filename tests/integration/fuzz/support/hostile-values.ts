import fc from 'fast-check';

// Values from plausible to hostile for each kind of scalar a client can send. Plausible values get far
// enough into the services to reach the database; hostile ones probe every check on the way.

const HOSTILE_TEXT = [
  '', ' ', '\t\n', '%', '_', '\\', "'", '"', "''", '%_\\\'', '100%', 'a_b', '\\%', '%%%%', "' OR '1'='1", "'; DROP TABLE service_request; --",
  '\u0000', 'a\u0000b', '路灯\u0000', '\ud800', '\udfff', 'x\ud83dy', '\ud83d\ude00', '\u202e反转', '\ufeff', '\u200b', 'null', 'undefined',
  '__proto__', 'constructor', '$1', '${x}', '<script>alert(1)</script>', '../../etc/passwd', '*', '(', ')', '[', '|', '^$', '.*',
  'ǅ', 'İ', 'ß', 'ﬀ', '\r\n\r\n', 'NaN', '-0', '1e999', 'true', '{}', '[]',
];

const CHINESE = ['路灯', '噪音扰民', '拖欠工资', '停水', '和平路18号', '市民反映', '公积金', '社保卡补办', '垃圾分类', '投诉'];

/** Free text a person would type: Chinese phrases, sometimes with a %, _ or quote in them (they are text too). */
export const plausibleText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...CHINESE), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...CHINESE), fc.constantFrom('%', '_', "'", '\\', '100%', ' ')).map(([a, b]) => a + b), weight: 1 },
);

/** Strings of any sort: empty, unicode of every plane (lone surrogates too), LIKE and SQL metacharacters, huge. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_TEXT), weight: 4 },
  { arbitrary: fc.constantFrom(...CHINESE), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.array(fc.constantFrom('\ud800', '\udbff', '\udc00', 'a', '路', '\u0000'), { maxLength: 12 }).map((a) => a.join('')), weight: 1 },
  // Over every length limit, within the 1 MB body limit (a Chinese character is 3 bytes of JSON).
  { arbitrary: fc.constantFrom(201, 501, 2_001, 5_001, 20_001, 60_000, 200_000).chain((n) => fc.constantFrom('路'.repeat(n), 'a'.repeat(n), '%'.repeat(n))), weight: 1 },
);

export const DEPARTMENT_CODES = ['URBAN', 'MARKET', 'TRANSPORT', 'HOUSING', 'D01', 'D01S01', 'D06', 'HOTLINE'];
export const CATEGORY_CODES = ['URBAN_LIGHT', 'ENV_NOISE', 'HRSS_WAGE', 'WATER_CUT', 'TRANSPORT_PARKING'];
export const REGION_CODES = ['CITY', 'D01', 'D01S01', 'D02', 'D06'];

/** Codes in odd spellings (case, blanks, LIKE wildcards), of the wrong kind, and of nothing. */
export const hostileCode = fc.oneof(
  fc.constantFrom(...DEPARTMENT_CODES, ...CATEGORY_CODES, ...REGION_CODES),
  fc.constantFrom('urban', ' URBAN ', 'URBAN%', 'URB_N', 'D0%', '%', '_', 'NOPE', 'D99', 'URBAN\\'),
  hostileText,
);

/** A plausible code for an argument or field, by its name. */
export function plausibleCode(name: string): fc.Arbitrary<string> {
  const n = name.toLowerCase();
  if (n.startsWith('category')) return fc.constantFrom(...CATEGORY_CODES);
  if (n.startsWith('region')) return fc.constantFrom(...REGION_CODES);
  return fc.constantFrom(...DEPARTMENT_CODES);
}

export const validPhone = fc.oneof(
  fc.constantFrom('13812345678', '138 1234 5678', '+86 138 1234 5678', '010-12345678'),
  fc.stringMatching(/^1[3-9]\d{9}$/),
);

export const somePhone = fc.oneof(
  validPhone,
  fc.constantFrom('12345', '+1 202 555 0100', '138123456789999', '0', '138%', '1381234567_'),
  hostileText,
);

/** Days of the hotline's calendar years (2024–2027), as a client would ask for them. */
export const validDay = fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** "YYYY-MM-DD" strings (calendar days) that are right, impossible, or not dates at all. */
export const someDay = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '9999-12-31', '0001-01-01', '2026-3-2', '20260302', '2026/03/02'),
  hostileText,
);

export const validDateTime = fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

/** DateTime values: valid ones near the test clock, far past and future, invalid, no offset, numbers. */
export const someDateTime: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 4 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '2026-03-02T10:00:00+08:00', '2026-03-02T10:00:00-12:00', '2026-03-02T10:00:00+14:00', '2026-03-02T10:00:00+25:00', '2026-03-02T10:00:00',
      '2026-02-30T00:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02T23:59:60Z', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z',
      '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '1970-01-01T00:00:00Z', '2026-03-02T10:00:00 Asia/Shanghai',
      '2026-03-02', 'now', 'tomorrow', '',
    ),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(0, -1, 1_772_416_800_000, 8.64e15 + 1, 1.5), weight: 1 },
);

/** Int arguments: ordinary, at and past the 32-bit edges, negative, fractional, as strings. */
export const someInt: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 120 }), weight: 4 },
  { arbitrary: fc.constantFrom(0, -1, 100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 1e300, 1.5, -0.5, '10', '1e3'), weight: 2 },
);

export const someBoolean: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, { arbitrary: fc.constantFrom('true', 0, 1, 'yes'), weight: 1 });

/** Values of the wrong type for any position: objects, arrays (deeply nested), numbers where strings go. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 5, max: 200 }).map((depth) => nested(depth)),
  fc.constantFrom({}, [], [[]], { id: 1 }, 1.5, -1, true),
);

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** base64url of anything: the shape of our global ids and cursors, with contents that are not. */
export const base64urlOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
