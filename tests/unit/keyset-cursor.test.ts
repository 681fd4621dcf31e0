import { decodeCursor, encodeCursor, pageSize, toPage } from '../../src/services/keyset-cursor';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('cursor encoding', () => {
  test.each([
    { at: '2026-03-02T02:00:00.000Z', id: '123' },
    { at: '2026-03-01T08:00:00.000900Z', id: '1' },
    { at: '2026-03-01T08:00:00Z', id: '999999999999999999' },
    { at: null, id: '7' },
  ])('round trip of %o', (key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
    expect(decodeCursor(cursor)).toEqual(key);
  });

  test.each([
    ['not base64 JSON', 'nonsense'],
    ['empty', ''],
    ['numbers instead of strings', b64([1, 2])],
    ['not a time', b64(['not a date', '1'])],
    ['a local time without zone', b64(['2026-03-01T08:00:00', '1'])],
    ['more than microseconds', b64(['2026-03-01T08:00:00.0000001Z', '1'])],
    ['an impossible date', b64(['2026-02-30T08:00:00Z', '1'])],
    ['year 0, which PostgreSQL does not have', b64(['0000-01-01T00:00:00Z', '1'])],
    ['SQL in the id', b64([null, '1; drop table staff'])],
    ['a zero id', b64([null, '0'])],
    ['an id past bigint', b64([null, '99999999999999999999'])],
    ['extra elements', b64([null, '1', 'x'])],
    ['an object', b64({ at: null, id: '1' })],
  ])('%s is a malformed cursor (BAD_USER_INPUT)', (_why, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('page size', () => {
  test('defaults to 20, is capped at 100 silently, refuses negatives and fractions', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(pageSize(101)).toBe(100);
    expect(() => pageSize(-1)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => pageSize(2.5)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('toPage', () => {
  const rows = ['5', '4', '3'].map((id) => ({ node: { id }, key: { at: '2026-01-01T00:00:00.000000Z', id } }));
  const count = async () => 42;

  test('the extra row fetched only says there is a next page', () => {
    const page = toPage(rows, 2, count);
    expect(page.items.map((i) => i.node.id)).toEqual(['5', '4']);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!)).toEqual({ at: '2026-01-01T00:00:00.000000Z', id: '4' });
  });

  test('the last page has no next page; an empty page has no end cursor', () => {
    expect(toPage(rows, 3, count).hasNextPage).toBe(false);
    const empty = toPage([], 10, count);
    expect(empty).toMatchObject({ items: [], hasNextPage: false, endCursor: null });
  });

  test('totalCount is the function given, not called by toPage', async () => {
    const counter = jest.fn(count);
    const page = toPage(rows, 2, counter);
    expect(counter).not.toHaveBeenCalled();
    expect(await page.totalCount()).toBe(42);
  });
});
