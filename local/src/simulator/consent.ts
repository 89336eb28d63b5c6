/**
 * Who has not yet consented to the Candor app, and Entra ID's interactive authorize endpoint that asks them
 * (`GET /{tenant}/oauth2/v2.0/authorize`): a small consent page with Accept and Cancel, as a plain form with no
 * script, that records the consent and redirects to `redirect_uri` with `code` and `state` (or `error`).
 *
 * Everyone has consented unless a test or the host page's "Consent not yet given" switch revokes it. While it is
 * revoked, Teams SSO answers `resourceRequiresConsent` (the host page asks `given`) and the On-Behalf-Of grant
 * answers `invalid_grant` AADSTS65001 with suberror `consent_required`, as Entra ID does.
 */
import { randomUUID } from 'node:crypto';
import type { GraphResult, TenantSeed } from './types';
import type { Tenant } from './tenant';

export class ConsentLedger {
  private readonly missing = new Set<string>();

  given(userId: string): boolean {
    return !this.missing.has(userId.toLowerCase());
  }

  revoke(userId: string): void {
    this.missing.add(userId.toLowerCase());
  }

  grant(userId: string): void {
    this.missing.delete(userId.toLowerCase());
  }
}

/** The decision field of the consent page's form; never an Entra parameter. */
const DECISION = 'candor_sim_decision';

const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  // The page has no script at all. No form-action: browsers apply it to the redirect after the submit too, and
  // that redirect leaves for the app's redirect_uri.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, inner: string): GraphResult {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem}button{font-size:1rem;margin-right:.5rem;padding:.4rem 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${inner}</body></html>`;
  return { status, headers: HTML_HEADERS, text };
}

/** Redirect URIs are the app registration's; the simulator's registration is any loopback page. */
function loopbackRedirect(value: string | null): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    return loopback && (url.protocol === 'http:' || url.protocol === 'https:') && !url.hash ? url : null;
  } catch {
    return null;
  }
}

export function authorize(
  seed: TenantSeed,
  tenant: Tenant,
  consent: ConsentLedger,
  query: URLSearchParams,
): GraphResult {
  const clientId = query.get('client_id') ?? '';
  if (clientId !== seed.apiApp.clientId) {
    return page(
      400,
      'Sign-in failed',
      `<p>AADSTS700016: Application with identifier '${escapeHtml(clientId)}' was not found in the directory.</p>`,
    );
  }
  const redirect = loopbackRedirect(query.get('redirect_uri'));
  if (!redirect) {
    return page(
      400,
      'Sign-in failed',
      '<p>AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.</p>',
    );
  }
  if (query.get('response_type') !== 'code') {
    return redirectWith(redirect, {
      error: 'unsupported_response_type',
      error_description: 'AADSTS70005: response_type must be code.',
      state: query.get('state'),
    });
  }
  const user = tenant.user(query.get('login_hint') ?? '');
  if (!user) {
    // Interactive sign-in is not simulated: the host page always passes the signed-in person as login_hint.
    return page(
      400,
      'Sign-in failed',
      '<p>AADSTS50058: A login_hint naming a user of this tenant is required here.</p>',
    );
  }
  const decision = query.get(DECISION);
  if (decision === 'accept') {
    consent.grant(user.id);
    return redirectWith(redirect, { code: `0.sim.${randomUUID()}`, state: query.get('state') });
  }
  if (decision === 'cancel') {
    return redirectWith(redirect, {
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
      state: query.get('state'),
    });
  }
  const hidden = [...query.entries()]
    .filter(([name]) => name !== DECISION)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    200,
    'Permissions requested',
    `<p><strong>Candor</strong> asks ${escapeHtml(user.displayName)} for permission to:</p>
<ul><li>Sign you in and read your profile</li><li>Read your calendars</li></ul>
<form method="get">${hidden}<button type="submit" name="${DECISION}" value="accept">Accept</button><button type="submit" name="${DECISION}" value="cancel">Cancel</button></form>`,
  );
}

function redirectWith(target: URL, params: Record<string, string | null>): GraphResult {
  const url = new URL(target.href);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return { status: 302, headers: { Location: url.href, 'Cache-Control': 'no-store' } };
}
