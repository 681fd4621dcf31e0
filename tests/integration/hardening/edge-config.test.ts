import { loadConfig } from '../../../src/config';

// The edge's settings are read and checked at start-up like every other: production-sane defaults, and a
// mistyped value stops the start instead of silently switching a protection off.

const load = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'development', ...env });

test('defaults: limits on, lock-out after 5 failures for 15 minutes, no cross-origin access, no proxy trusted', () => {
  expect(load()).toMatchObject({
    rateLimitPerStaff: 600, rateLimitPerIp: 300, rateLimitWindowSeconds: 60,
    loginLockoutFailures: 5, loginLockoutIpFailures: 100, loginLockoutWindowSeconds: 900, loginLockoutSeconds: 900,
    corsOrigins: [], trustProxy: false, limitsRedisPrefix: 'hotline:limits',
    apiStatementTimeoutSeconds: 30, apiLockTimeoutSeconds: 5,
  });
});

test('values are parsed', () => {
  expect(load({
    CORS_ORIGINS: 'https://portal.example.gov.cn, http://localhost:5173/', RATE_LIMIT_WINDOW: '90s', LOGIN_LOCKOUT_DURATION: '1h',
    RATE_LIMIT_PER_STAFF: '0', TRUST_PROXY: '1', API_STATEMENT_TIMEOUT: '2m', API_LOCK_TIMEOUT: '10s',
  })).toMatchObject({
    corsOrigins: ['https://portal.example.gov.cn', 'http://localhost:5173'], rateLimitWindowSeconds: 90, loginLockoutSeconds: 3600,
    rateLimitPerStaff: 0, trustProxy: 1, apiStatementTimeoutSeconds: 120, apiLockTimeoutSeconds: 10,
  });
  expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
});

test.each([
  ['CORS_ORIGINS', '*'],
  ['CORS_ORIGINS', 'null'],
  ['CORS_ORIGINS', 'https://portal.example.gov.cn/app'],
  ['CORS_ORIGINS', 'portal.example.gov.cn'],
  ['RATE_LIMIT_PER_STAFF', '-1'],
  ['RATE_LIMIT_PER_IP', 'lots'],
  ['RATE_LIMIT_WINDOW', '1 minute'],
  ['LOGIN_LOCKOUT_FAILURES', '2.5'],
  ['LOGIN_LOCKOUT_DURATION', '0m'],
  ['API_STATEMENT_TIMEOUT', '0s'],
  ['API_LOCK_TIMEOUT', '5000'],
])('%s=%s is refused at start-up', (name, value) => {
  expect(() => load({ [name]: value })).toThrow(name);
});
