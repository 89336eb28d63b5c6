import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { apiPaths, boardViewSchema, errorBodySchema, type BoardView } from '@candor/functions/contract';
import { API_CLIENT_ID, DEMO_USER_IDS, demoMeetings } from '@candor/local/simulator/demoTenant';
import { startLocalStack, type LocalStack } from '@candor/local/stack';
import { callApi, type ApiAnswer } from '../../support/api';
import { attack } from '../../support/hostileLedger';

/*
 * Forged, foreign and stale bearer tokens against the API. Each must get exactly 401 `unauthorized` (with
 * `WWW-Authenticate: Bearer`) on a read AND on a write, and the write must change nothing. Tokens are minted with
 * jose, or by the simulator with one claim changed (signed with the real key, so only that claim is wrong).
 */
jest.setTimeout(60_000);

const T0 = new Date('2026-06-10T09:10:00.000Z');
let stack: LocalStack;
let board: BoardView;
let adeleToken: string;
let simulatorKid: string;
const adeleMeeting = demoMeetings(T0).find((m) => m.reportId === DEMO_USER_IDS.adele)!;
const OTHER_TENANT = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const ORIGINAL = 'What energizes me: shipping with the team';

beforeAll(async () => {
  stack = await startLocalStack({ now: () => T0 });
  adeleToken = await stack.simulator.mintAccessToken(DEMO_USER_IDS.adele);
  const opened = await callApi(stack, 'GET', apiPaths.meetingBoard(adeleMeeting.chatId), { token: adeleToken });
  board = boardViewSchema.parse(opened.body);
  expect(
    (
      await callApi(stack, 'PUT', apiPaths.boardField(board.ref, 'energizing'), {
        token: adeleToken,
        body: { text: ORIGINAL, baseRevision: 0 },
      })
    ).status,
  ).toBe(200);
  const jwks = (await (
    await fetch(`${stack.simulator.url}/${stack.simulator.tenantId}/discovery/v2.0/keys`)
  ).json()) as { keys: Array<{ kid: string }> };
  simulatorKid = jwks.keys[0]!.kid;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const now = (): number => Math.floor(Date.now() / 1000);

/** The claims a genuine token of Adele carries, read from one the simulator issued. */
function genuineClaims(): JWTPayload {
  return JSON.parse(Buffer.from(adeleToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as JWTPayload;
}

function expectUnauthorized(answer: ApiAnswer, token: string | undefined): void {
  expect({ status: answer.status, code: errorBodySchema.safeParse(answer.body).data?.error.code }).toEqual({
    status: 401,
    code: 'unauthorized',
  });
  expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  if (token) expect(JSON.stringify(answer.body)).not.toContain(token);
}

/** One attack: the token on a read of the board and on a write of Adele's answer; the answer stays as it was. */
async function refused(name: string, token: string | undefined, authorization?: string): Promise<void> {
  await attack(`token: ${name}`, async () => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const auth = authorization ?? (token === undefined ? undefined : `Bearer ${token}`);
    if (auth !== undefined) headers.authorization = auth;
    const read = await fetch(`${stack.apiBaseUrl}/${apiPaths.board(board.ref)}`, { headers });
    expectUnauthorized({ status: read.status, body: await read.json(), headers: read.headers }, token);
    const write = await fetch(`${stack.apiBaseUrl}/${apiPaths.boardField(board.ref, 'energizing')}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ text: 'forged words', baseRevision: 1 }),
    });
    expectUnauthorized({ status: write.status, body: await write.json(), headers: write.headers }, token);
    const after = boardViewSchema.parse(
      (await callApi(stack, 'GET', apiPaths.board(board.ref), { token: adeleToken })).body,
    );
    expect(after.fields.energizing?.text).toBe(ORIGINAL);
  });
}

const mint = (options: Parameters<LocalStack['simulator']['mintAccessToken']>[1]) =>
  stack.simulator.mintAccessToken(DEMO_USER_IDS.adele, options);

describe('bearer tokens the API must refuse', () => {
  it('a genuine token works (the control: every attack below differs from it in one thing)', async () => {
    expect((await callApi(stack, 'GET', apiPaths.board(board.ref), { token: adeleToken })).status).toBe(200);
  });

  it('no token, an empty one, another scheme, or the token in the query string', async () => {
    await refused('missing Authorization header', undefined);
    await refused('empty bearer', undefined, 'Bearer ');
    await refused('Basic scheme with a valid token inside', undefined, `Basic ${adeleToken}`);
    await refused('not a JWT', 'not-a-jwt');
    await attack('token: genuine token in the query string instead of the header', async () => {
      const answer = await callApi(stack, 'GET', `${apiPaths.board(board.ref)}?access_token=${adeleToken}`);
      expectUnauthorized(answer, adeleToken);
    });
  });

  it('unsigned tokens: alg none, and a genuine token with its signature cut off', async () => {
    await refused('alg none', new UnsecuredJWT(genuineClaims()).encode());
    const [h, p] = adeleToken.split('.');
    await refused('signature stripped', `${h}.${p}.`);
    await refused(
      'alg none header on a genuine payload and signature',
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.${adeleToken.split('.')[2]}`,
    );
  });

  it('tokens signed by a key the JWKS does not publish, or with the wrong algorithm', async () => {
    const stranger = await generateKeyPair('RS256');
    await refused(
      'signed by a stranger key under the real kid',
      await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: simulatorKid })
        .sign(stranger.privateKey),
    );
    await refused(
      'signed by a stranger key under an unknown kid',
      await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'not-in-the-jwks' })
        .sign(stranger.privateKey),
    );
    // Algorithm confusion: HMAC keyed with the published RSA public key.
    const jwks = (await (
      await fetch(`${stack.simulator.url}/${stack.simulator.tenantId}/discovery/v2.0/keys`)
    ).json()) as { keys: Array<{ n: string }> };
    await refused(
      'HS256 keyed with the public key',
      await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: simulatorKid })
        .sign(new TextEncoder().encode(jwks.keys[0]!.n)),
    );
    const ec = await generateKeyPair('ES256');
    await refused(
      'ES256 with an embedded jwk header',
      await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk: await exportJWK(ec.publicKey) })
        .sign(ec.privateKey),
    );
  });

  it('a genuine token whose payload was edited (another user id)', async () => {
    const [h, p, s] = adeleToken.split('.');
    const edited = {
      ...(JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as JWTPayload),
      oid: DEMO_USER_IDS.megan,
    };
    await refused(
      'payload edited to another oid',
      `${h}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${s}`,
    );
  });

  it('tokens for another audience', async () => {
    await refused(
      'wrong audience',
      await mint({ audience: 'api://evil.example/0f0f0f0f-0000-4000-8000-000000000000' }),
    );
    await refused('Graph audience', await mint({ audience: 'https://graph.microsoft.com' }));
    await refused('audience of another app id', await mint({ audience: '0f0f0f0f-0000-4000-8000-000000000000' }));
  });

  it('tokens from another issuer or tenant (signed with the real key)', async () => {
    const authority = stack.simulator.authorityHost;
    await refused(
      'wrong issuer host',
      await mint({ claims: { iss: `https://evil.example/${stack.simulator.tenantId}/v2.0` } }),
    );
    await refused(
      'issuer of another tenant',
      await mint({ claims: { iss: `${authority}/${OTHER_TENANT}/v2.0`, tid: OTHER_TENANT } }),
    );
    await refused('tid of another tenant under the right issuer', await mint({ claims: { tid: OTHER_TENANT } }));
    await refused(
      'v1 issuer of another tenant',
      await mint({ claims: { iss: `https://sts.windows.net/${OTHER_TENANT}/`, tid: OTHER_TENANT, ver: '1.0' } }),
    );
  });

  it('expired and not yet valid tokens', async () => {
    await refused('expired an hour ago', await mint({ expiresInSeconds: -3600 }));
    await refused('not valid for another hour', await mint({ notBeforeOffsetSeconds: 3600 }));
    await refused('issued in the future', await mint({ claims: { iat: now() + 7200, nbf: now() + 7200 } }));
  });

  it('tokens without the required scope', async () => {
    await refused('no scp claim', await mint({ scopes: [] }));
    await refused('only User.Read', await mint({ scopes: ['User.Read'] }));
    await refused('scope as a prefix', await mint({ scopes: ['access_as_user_admin'] }));
    await refused(
      'app-only roles instead of a delegated scope',
      await mint({ scopes: [], claims: { roles: ['access_as_user'] } }),
    );
  });

  it('a token without a user (no oid)', async () => {
    await refused('no oid claim', await mint({ claims: { oid: undefined } }));
  });
});

// The control for "tokens for another audience": the API's own client id as audience is accepted.
it('accepts the client id as audience', async () => {
  expect(
    (await callApi(stack, 'GET', apiPaths.board(board.ref), { token: await mint({ audience: API_CLIENT_ID }) })).status,
  ).toBe(200);
});
