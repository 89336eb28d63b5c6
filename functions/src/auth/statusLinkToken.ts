import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { objectIdSchema, occurrenceIdSchema } from '../contract';

/**
 * The status form's link token: a JWT (HS256, Candor's own secret) bound to one pair and one meeting occurrence,
 * carried in the email's link. It is the form's only credential, so the form works in any browser, signed in or
 * not. It expires after the meeting could possibly still start (the API also closes the form once the meeting,
 * as last seen in the calendar, has started).
 */
export interface StatusLink {
  tenantId: string;
  managerId: string;
  reportId: string;
  occurrenceId: string;
  /** Where the request's claim lives (statusRequestClaims), to find the meeting's latest known start. */
  claimBase: string;
}

const ISSUER = 'candor';
const AUDIENCE = 'candor-status-form';

const claimsSchema = z.object({
  tid: z.string().min(1).max(100),
  mgr: objectIdSchema,
  sub: objectIdSchema,
  occ: occurrenceIdSchema,
  req: z.string().regex(/^[0-9a-f]{16}-(single|\d{8}T\d{4}Z)$/),
});

export async function signStatusLink(
  secret: Uint8Array,
  link: StatusLink,
  expiresAt: Date,
  now: Date,
): Promise<string> {
  return new SignJWT({ tid: link.tenantId, mgr: link.managerId, occ: link.occurrenceId, req: link.claimBase })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(link.reportId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret);
}

export type StatusLinkCheck = { ok: true; link: StatusLink } | { ok: false; reason: 'missing' | 'expired' | 'invalid' };

/** Never throws and never echoes the token: a tampered, foreign or malformed token is simply `invalid`. */
export async function verifyStatusLink(
  secret: Uint8Array,
  token: string | null | undefined,
  now: Date,
): Promise<StatusLinkCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    const c = claims.data;
    return {
      ok: true,
      link: {
        tenantId: c.tid,
        managerId: c.mgr.toLowerCase(),
        reportId: c.sub.toLowerCase(),
        occurrenceId: c.occ,
        claimBase: c.req,
      },
    };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
}
