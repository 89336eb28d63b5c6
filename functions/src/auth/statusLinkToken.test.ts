import { SignJWT } from 'jose';
import { signStatusLink, verifyStatusLink } from './statusLinkToken';

const SECRET = new TextEncoder().encode('a-test-secret-of-at-least-32-characters!');
const LINK = {
  tenantId: 'contoso-tenant',
  managerId: '11111111-1111-1111-1111-111111111111',
  reportId: '22222222-2222-2222-2222-222222222222',
  occurrenceId: '20261123T0900Z-0123456789abcdef',
  claimBase: '0123456789abcdef-20261123T0900Z',
};
const NOW = new Date('2026-11-23T06:00:00.000Z');
const START = new Date('2026-11-23T09:00:00.000Z');

describe('status link tokens', () => {
  it('round-trips the pair and the occurrence until it expires', async () => {
    const token = await signStatusLink(SECRET, LINK, START, NOW);
    expect(await verifyStatusLink(SECRET, token, NOW)).toEqual({ ok: true, link: LINK });
    expect(await verifyStatusLink(SECRET, token, new Date(START.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a tampered token, another secret, no token, and an unsigned (alg none) one', async () => {
    const token = await signStatusLink(SECRET, LINK, START, NOW);
    const [header, payload, signature] = token.split('.');
    const otherPair = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        sub: '33333333-3333-3333-3333-333333333333',
      }),
    ).toString('base64url');
    expect(await verifyStatusLink(SECRET, `${header}.${otherPair}.${signature}`, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const other = new TextEncoder().encode('another-secret-of-at-least-32-characters');
    expect(await verifyStatusLink(other, token, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyStatusLink(SECRET, '', NOW)).toEqual({ ok: false, reason: 'missing' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(await verifyStatusLink(SECRET, unsigned, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token signed with the same secret for another purpose', async () => {
    const foreign = await new SignJWT({ sub: LINK.reportId })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(SECRET);
    expect(await verifyStatusLink(SECRET, foreign, new Date())).toEqual({ ok: false, reason: 'invalid' });
  });
});
