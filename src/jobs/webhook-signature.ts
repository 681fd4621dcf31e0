import { createHmac, timingSafeEqual } from 'node:crypto';

// How a department's system knows a POST came from the hotline: an HMAC-SHA256 of the raw body, keyed with
// the secret the administrator gave that department, in the GitHub style ("sha256=<hex>").

export const SIGNATURE_HEADER = 'X-Hotline-Signature';
export const DELIVERY_HEADER = 'X-Hotline-Delivery';
export const EVENT_HEADER = 'X-Hotline-Event';

export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** For receivers (and tests): constant-time comparison of the header with the expected signature. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
