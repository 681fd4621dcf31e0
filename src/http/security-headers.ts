import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { BULL_BOARD_PATH } from '../jobs/bull-board';
import { landingPage } from './landing-page';

// Helmet's headers on every answer (nosniff, frame refusal, no referrer, HSTS behind TLS, …) with a Content
// Security Policy per kind of page, each allowing what that page needs and nothing more:
// - the API (/graphql, /healthz, the CSV): JSON and CSV need nothing, so nothing at all;
// - the landing page at /: its one inline script and stylesheet, by hash, and fetch() to this origin;
// - Bull Board: its scripts, stylesheets, images and highlight worker from this origin, and inline styles
//   (React sets style attributes and the board injects its theme as a <style> element). Its Google Fonts
//   stylesheet stays blocked: the board falls back to system fonts, as it must offline anyway.
// `upgrade-insecure-requests` (a Helmet default) is left out: on an intranet served over plain HTTP it would
// send the pages' own requests to an HTTPS port that is not there. TLS belongs to the proxy in front.

const NONE = ["'none'"];
const SELF = ["'self'"];

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inline = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => sha256(m[1]));

/** Hashes of exactly what landingPage() inlines; computed from its output so an edit there cannot drift. */
function landingDirectives() {
  const html = landingPage();
  return {
    defaultSrc: NONE,
    scriptSrc: inline(html, /<script>([\s\S]*?)<\/script>/g),
    // 'unsafe-hashes' lets the listed hashes match style="…" attributes too, still only those exact ones.
    styleSrc: [...inline(html, /<style>([\s\S]*?)<\/style>/g), "'unsafe-hashes'", ...inline(html, / style="([^"]*)"/g)],
    connectSrc: SELF,
    imgSrc: SELF,
    baseUri: NONE,
    formAction: NONE,
    frameAncestors: NONE,
  };
}

const BULL_BOARD_DIRECTIVES = {
  defaultSrc: SELF,
  scriptSrc: SELF,
  workerSrc: SELF,
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: SELF,
  objectSrc: NONE,
  baseUri: SELF, // the board sets <base href="/admin/queues/">
  formAction: SELF,
  frameAncestors: NONE,
};

const API_DIRECTIVES = { defaultSrc: NONE, frameAncestors: NONE };

export function securityHeaders(): RequestHandler {
  const policy = (directives: Record<string, string[]>) => helmet({ contentSecurityPolicy: { useDefaults: false, directives } });
  const landing = policy(landingDirectives());
  const board = policy(BULL_BOARD_DIRECTIVES);
  const api = policy(API_DIRECTIVES);
  return (req, res, next) => {
    if (req.path === '/') return landing(req, res, next);
    if (req.path === BULL_BOARD_PATH || req.path.startsWith(`${BULL_BOARD_PATH}/`)) return board(req, res, next);
    return api(req, res, next);
  };
}
