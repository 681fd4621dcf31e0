import { RequestStatus } from '../../src/domain/enums';
import { formatDeadline, reminderMessage } from '../../src/jobs/messages';
import { NotificationKind } from '../../src/jobs/notification-kind';
import { signWebhookBody, verifyWebhookSignature } from '../../src/jobs/webhook-signature';

const TZ = 'Asia/Shanghai';
const request = {
  id: '7', code: '20260302-000007', categoryName: '路灯', status: RequestStatus.DISPATCHED, ownerId: '3', leadAssignmentId: '9', supervisionLevel: null,
};

describe('deadlines in messages', () => {
  test('an end-of-day deadline reads as 24:00 of its working day, in the hotline time zone', () => {
    expect(formatDeadline(new Date('2026-03-04T16:00:00Z'), TZ)).toBe('2026-03-04 24:00');
  });

  test('any other deadline reads as local wall time', () => {
    expect(formatDeadline(new Date('2026-03-02T04:00:00Z'), TZ)).toBe('2026-03-02 12:00');
  });

  test('a reminder names the request by code and category and gives the deadline', () => {
    expect(reminderMessage(NotificationKind.ACCEPT_OVERDUE, request, new Date('2026-03-02T04:00:00Z'), TZ))
      .toBe('签收超时 Sign-for overdue: 20260302-000007 路灯, was due 2026-03-02 12:00');
  });

  test('a kind that is not a reminder is refused', () => {
    expect(() => reminderMessage(NotificationKind.ASSIGNED, request, new Date(), TZ)).toThrow();
  });
});

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: '1', event: 'ASSIGNED' });

  test('sha256=<hex HMAC> of the raw body verifies with the same secret only', () => {
    const header = signWebhookBody('secret-one-0123456789', body);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('secret-one-0123456789', body, header)).toBe(true);
    expect(verifyWebhookSignature('secret-two-0123456789', body, header)).toBe(false);
  });

  test('a changed body or a missing header does not verify', () => {
    const header = signWebhookBody('secret-one-0123456789', body);
    expect(verifyWebhookSignature('secret-one-0123456789', `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature('secret-one-0123456789', body, undefined)).toBe(false);
  });
});
