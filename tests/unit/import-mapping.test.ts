import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkMapping, createdCode, ImportMapping, ImportOutcome, lookUp, mapRecord, parseSourceDate, recordHash,
} from '../../src/domain/import-mapping';

const mapping: ImportMapping = JSON.parse(readFileSync(join(__dirname, '../../examples/import/baltimore-311.mapping.json'), 'utf8'));

const record = (over: Record<string, string> = {}): Record<string, string> => ({
  ServiceRequestNum: '18-00269879', SRType: 'TRT-Traffic Signal Repairs', MethodReceived: 'Phone', CreatedDate: '04/12/2018 11:11:26 AM',
  SRStatus: 'Closed', StatusDate: '04/12/2018 12:45:48 PM', DueDate: '04/13/2018 11:11:26 AM', CloseDate: '04/12/2018 12:45:47 PM',
  Agency: 'Transportation', Address: '3400 GARRISON BLVD', Neighborhood: 'Dorchester', LastActivity: '', CouncilDistrict: '6', ...over,
});

describe('the mapping file', () => {
  test('the Baltimore example is valid', () => {
    expect(() => checkMapping(mapping)).not.toThrow();
  });

  test('every problem is named at once', () => {
    const bad = { ...mapping, source: 'Bad Name', timeZone: 'Mars/Olympus', status: { map: { Closed: 'SHUT' }, unknown: { policy: 'create', parent: 'X' } } } as unknown as ImportMapping;
    expect(() => checkMapping(bad)).toThrow(/source: .*timeZone: "Mars\/Olympus".*status: "create" is only for categories and departments.*status: "SHUT"/);
  });
});

describe('value maps', () => {
  test('exact values first, then the longest prefix, then the unknown policy', () => {
    expect(lookUp('category', mapping.category, 'WW-Water No Water')).toEqual({ value: 'WATER_CUT' });
    expect(lookUp('category', mapping.category, 'WW-Storm Drain')).toEqual({ value: 'WATER_LEAK' });
    expect(lookUp('category', mapping.category, 'ECC-Escalation')).toEqual({ create: { parent: 'IMPORTED', source: 'ECC-Escalation' } });
    expect(lookUp('status', mapping.status, 'Lost')).toEqual({ error: 'unknown status "Lost"' });
    expect(lookUp('channel', mapping.channel, 'Pigeon')).toEqual({ value: 'TRANSFER' });
  });

  test('created codes are readable, stable and distinct', () => {
    expect(createdCode('IMPORTED', 'Fire Department')).toMatch(/^IMPORTED_FIRE_DEPARTMENT_[0-9A-F]{6}$/);
    expect(createdCode('IMPORTED', 'Fire Department')).toBe(createdCode('IMPORTED', 'Fire Department'));
    expect(createdCode('IMPORTED', 'Fire-Department')).not.toBe(createdCode('IMPORTED', 'Fire Department'));
  });

  test('dates are read in the source time zone', () => {
    expect(parseSourceDate('04/12/2018 11:11:26 AM', mapping)?.toISOString()).toBe('2018-04-12T15:11:26.000Z');
    expect(parseSourceDate('01/12/2018 11:11:26 PM', mapping)?.toISOString()).toBe('2018-01-13T04:11:26.000Z');
    expect(parseSourceDate('2018-13-45', mapping)).toBeNull();
  });
});

describe('one record', () => {
  test('maps onto the demo city', () => {
    const r = mapRecord(record(), mapping);
    expect(r.ok && r.record).toMatchObject({
      sourceId: '18-00269879', code: 'BAL18-00269879', channel: 'PHONE', outcome: ImportOutcome.CLOSED, category: { code: 'TRANSPORT_SIGNAL' },
      department: { code: 'TRANSPORT' }, regionCode: 'D03', title: 'TRT-Traffic Signal Repairs',
    });
  });

  test('the call center is no department; a missing due date is the default', () => {
    const r = mapRecord(record({ Agency: 'Call Center', DueDate: '' }), mapping);
    expect(r.ok && r.record.department).toBeNull();
    expect(r.ok && r.record.dueAt.toISOString()).toBe('2018-04-27T15:11:26.000Z');
  });

  test('a close a little before creation is clock skew; a long way before is an error', () => {
    const skew = mapRecord(record({ CloseDate: '04/12/2018 11:11:20 AM' }), mapping);
    expect(skew.ok && skew.record.closedAt?.toISOString()).toBe('2018-04-12T15:11:26.000Z');
    expect(mapRecord(record({ CloseDate: '01/01/2017 01:00:00 AM' }), mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/before it was created/) });
  });

  test('bad values are reasons, not exceptions', () => {
    expect(mapRecord(record({ CreatedDate: 'soon' }), mapping)).toEqual({ ok: false, reason: 'bad CreatedDate "soon"' });
    expect(mapRecord(record({ ServiceRequestNum: '' }), mapping)).toEqual({ ok: false, reason: 'ServiceRequestNum is empty' });
    expect(mapRecord(record({ ServiceRequestNum: 'x'.repeat(40) }), mapping)).toMatchObject({ ok: false });
    expect(mapRecord(record({ SRStatus: 'Closed', CloseDate: '', StatusDate: '' }), mapping)).toMatchObject({ ok: false, reason: expect.stringMatching(/closed without/) });
    const withPhone = { ...mapping, columns: { ...mapping.columns, phone: 'Phone' } };
    expect(mapRecord(record({ Phone: 'not a phone' }), withPhone)).toEqual({ ok: false, reason: 'invalid phone number' });
    const good = mapRecord(record({ Phone: '13812345678' }), withPhone);
    expect(good.ok && good.record.phone).toBe('13812345678');
  });

  test('the hash changes with the content and only with it', () => {
    const a = mapRecord(record(), mapping);
    const b = mapRecord(record(), mapping);
    const c = mapRecord(record({ Agency: 'Housing' }), mapping);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected mapped records');
    expect(recordHash(a.record)).toBe(recordHash(b.record));
    expect(recordHash(a.record)).not.toBe(recordHash(c.record));
  });
});
