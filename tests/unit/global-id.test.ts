import { fromGlobalId, parseGlobalId, toGlobalId } from '../../src/schema/global-id';
import { decodeCursor, encodeCursor, pageSize } from '../../src/services/keyset-cursor';

describe('global ids', () => {
  test('round trip', () => {
    const id = toGlobalId('ServiceRequest', '42');
    expect(id).not.toContain('42');
    expect(parseGlobalId(id)).toEqual({ type: 'ServiceRequest', dbId: '42' });
    expect(fromGlobalId(id, 'ServiceRequest')).toBe('42');
  });

  test.each(['', 'abc', '!!!', toGlobalId('Staff', '1'), Buffer.from('ServiceRequest:-1').toString('base64url'),
    Buffer.from('ServiceRequest:01').toString('base64url'), Buffer.from('Nope:1').toString('base64url'), 'x'.repeat(200)])(
    '%s is not a ServiceRequest id', (id) => {
      expect(() => fromGlobalId(id, 'ServiceRequest')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );
});

describe('keyset cursors', () => {
  test('round trip', () => {
    const key = { at: '2026-03-02T02:00:00.000Z', id: '123' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor(encodeCursor({ at: null, id: '7' }))).toEqual({ at: null, id: '7' });
  });

  test.each(['nonsense', '', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["not a date","1"]').toString('base64url'),
    Buffer.from('[null,"1; drop table"]').toString('base64url')])('%s is a malformed cursor', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  test('page size defaults to 20, is capped at 100, refuses negatives', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1000)).toBe(100);
    expect(() => pageSize(-1)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
