import { Role } from '../../src/domain/enums';
import { DomainError, ErrorCode } from '../../src/domain/errors';
import {
  KnowledgeAction as A, KnowledgeArticleStatus as S, checkValidityWindow, editsKnowledge, isAnswerable, isInForce,
  mayRead, nextArticleStatus,
} from '../../src/domain/knowledge';

const NOW = new Date('2026-03-02T02:00:00Z');
const at = (iso: string) => new Date(iso);
const codeOf = (fn: () => unknown): string | undefined => {
  try { fn(); } catch (e) { return e instanceof DomainError ? e.code : 'OTHER'; }
  return undefined;
};

describe('validity window', () => {
  test('is half-open: in force from validFrom, no longer at validTo', () => {
    expect(isInForce({ validFrom: NOW, validTo: null }, NOW)).toBe(true);
    expect(isInForce({ validFrom: at('2026-03-02T02:00:00.001Z'), validTo: null }, NOW)).toBe(false);
    expect(isInForce({ validFrom: at('2025-01-01T00:00:00Z'), validTo: NOW }, NOW)).toBe(false);
    expect(isInForce({ validFrom: at('2025-01-01T00:00:00Z'), validTo: at('2026-03-02T02:00:00.001Z') }, NOW)).toBe(true);
  });

  test('refuses a window that ends before or when it starts, as BAD_USER_INPUT on validTo', () => {
    expect(codeOf(() => checkValidityWindow({ validFrom: NOW, validTo: NOW }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkValidityWindow({ validFrom: NOW, validTo: at('2026-01-01T00:00:00Z') }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => checkValidityWindow({ validFrom: at('invalid'), validTo: null }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(checkValidityWindow({ validFrom: NOW, validTo: null })).toEqual({ validFrom: NOW, validTo: null });
    expect(codeOf(() => checkValidityWindow({ validFrom: NOW, validTo: at('2027-01-01T00:00:00Z') }))).toBeUndefined();
  });
});

describe('who sees an article', () => {
  const published = { status: S.PUBLISHED, validFrom: at('2025-01-01T00:00:00Z'), validTo: null };
  const draft = { ...published, status: S.DRAFT };
  const expired = { ...published, validTo: at('2026-01-01T00:00:00Z') };
  const future = { ...published, validFrom: at('2027-01-01T00:00:00Z') };

  test('agents answer only with published articles in force', () => {
    expect(isAnswerable(published, NOW)).toBe(true);
    for (const a of [draft, expired, future]) expect(isAnswerable(a, NOW)).toBe(false);
  });

  test('supervisors and admins see every article; agents, liaisons and analysts only answerable ones', () => {
    expect(editsKnowledge([Role.SUPERVISOR])).toBe(true);
    expect(editsKnowledge([Role.ADMIN])).toBe(true);
    for (const role of [Role.AGENT, Role.LIAISON, Role.ANALYST]) {
      expect(editsKnowledge([role])).toBe(false);
      expect(mayRead([role], draft, NOW)).toBe(false);
      expect(mayRead([role], expired, NOW)).toBe(false);
      expect(mayRead([role], published, NOW)).toBe(true);
    }
    expect(mayRead([Role.SUPERVISOR], draft, NOW)).toBe(true);
    expect(mayRead([Role.ADMIN], expired, NOW)).toBe(true);
  });
});

describe('status transitions', () => {
  test('publish: DRAFT → PUBLISHED; publishing twice is INVALID_TRANSITION', () => {
    expect(nextArticleStatus(S.DRAFT, A.PUBLISH)).toBe(S.PUBLISHED);
    expect(codeOf(() => nextArticleStatus(S.PUBLISHED, A.PUBLISH))).toBe(ErrorCode.INVALID_TRANSITION);
  });

  test('edit keeps the status, so a published article stays published', () => {
    expect(nextArticleStatus(S.DRAFT, A.EDIT)).toBe(S.DRAFT);
    expect(nextArticleStatus(S.PUBLISHED, A.EDIT)).toBe(S.PUBLISHED);
  });
});
