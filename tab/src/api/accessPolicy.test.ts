import { createApiClient } from './client';
import { ConsentNeeded, createTokenSource, getSsoToken, isConsentError, type TokenSource } from './token';
import { describeFailure } from './failureText';
import { testBoardView } from '../testing/boardView';
import { fetchMock } from '../testing/fetchMock';

const CHALLENGE = '{"access_token":{"polids":{"essential":true,"values":["6f1e2a4c-8d3b-4e5f-9a7c-1b2d3e4f5a6b"]}}}';
const CHAT = '19:meeting_abc@thread.v2';
const board = testBoardView('report');

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const challenged = () =>
  json(401, {
    error: {
      code: 'claimsChallenge',
      message: 'Your organization’s access policy asks for an extra sign-in check (AADSTS50076).',
      claims: CHALLENGE,
    },
  });
const bearerOf = (init: RequestInit | undefined) => (init?.headers as Record<string, string>).Authorization;

function tokens(satisfy: (claims: string) => Promise<string>): TokenSource & { satisfied: string[] } {
  let current = 'plain';
  const source = {
    satisfied: [] as string[],
    get: () => Promise.resolve(current),
    invalidate: () => undefined,
    satisfy: async (claims: string) => {
      source.satisfied.push(claims);
      current = await satisfy(claims);
      return current;
    },
  };
  return source;
}

describe('the API client and a Conditional Access claims challenge', () => {
  it('asks the host for a token that satisfies the claims and sends the call once more with it', async () => {
    const fetch = fetchMock((_url, init) => (bearerOf(init) === 'Bearer stepped-up' ? json(200, board) : challenged()));
    const source = tokens(() => Promise.resolve('stepped-up'));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: source, fetch });
    await expect(client.getMeetingBoard(CHAT)).resolves.toEqual({ ok: true, value: board });
    expect(source.satisfied).toEqual([CHALLENGE]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('when the host cannot satisfy them, answers accessBlocked with the AADSTS code, without calling again', async () => {
    const fetch = fetchMock(() => challenged());
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      tokens: tokens(() => Promise.reject(new Error('CancelledByUser'))),
      fetch,
    });
    const result = await client.getMeetingBoard(CHAT);
    expect(result).toMatchObject({ ok: false, kind: 'http', status: 401, code: 'accessBlocked' });
    expect(result.ok === false && result.kind === 'http' && result.message).toContain('AADSTS50076');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('retries only once: a second challenge is the answer (no loop)', async () => {
    const fetch = fetchMock(() => challenged());
    const source = tokens(() => Promise.resolve('still-not-enough'));
    const client = createApiClient({ baseUrl: 'http://api.test/api', tokens: source, fetch });
    await expect(client.getMeetingBoard(CHAT)).resolves.toMatchObject({ ok: false, code: 'claimsChallenge' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(source.satisfied).toHaveLength(1);
  });
});

describe('a host whose own sign-in meets Conditional Access', () => {
  it('is not taken for a missing consent, and the client names it accessBlocked with the code', async () => {
    const message = 'interaction_required: AADSTS53003: Access has been blocked by Conditional Access policies.';
    expect(isConsentError(new Error(message))).toBe(false);
    expect(isConsentError(new Error('interaction_required: AADSTS65001: not consented'))).toBe(true);
    const request = jest.fn<Promise<string>, [boolean | undefined]>(() => Promise.reject(new Error(message)));
    await expect(getSsoToken(request)).rejects.not.toBeInstanceOf(ConsentNeeded);
    const fetch = fetchMock(() => json(200, board));
    const refusing = {
      ...tokens(() => Promise.reject(new Error('unused'))),
      get: () => Promise.reject(new Error(message)),
    };
    const blocked = await createApiClient({ baseUrl: 'http://api.test/api', tokens: refusing, fetch }).getMeetingBoard(
      CHAT,
    );
    expect(blocked).toMatchObject({ ok: false, kind: 'http', code: 'accessBlocked' });
    expect(blocked.ok === false && blocked.kind === 'http' && blocked.message).toContain('AADSTS53003');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('tokens for a claims challenge', () => {
  it('getSsoToken passes the claims to the host with silent: false, once, and passes its failure on', async () => {
    const request = jest.fn<Promise<string>, [boolean | undefined, (readonly string[])?]>(() => Promise.resolve('t'));
    await expect(getSsoToken(request, [CHALLENGE])).resolves.toBe('t');
    expect(request.mock.calls).toEqual([[false, [CHALLENGE]]]);
    const refusing = jest.fn<Promise<string>, [boolean | undefined, (readonly string[])?]>(() =>
      Promise.reject(new Error('interaction_required')),
    );
    await expect(getSsoToken(refusing, [CHALLENGE])).rejects.toThrow('interaction_required');
    expect(refusing).toHaveBeenCalledTimes(1);
  });

  it('the token source fetches with the claims and serves that token afterwards', async () => {
    const fetchToken = jest.fn<Promise<string>, [(readonly string[])?]>((claims) =>
      Promise.resolve(claims ? 'stepped-up' : 'plain'),
    );
    const source = createTokenSource(fetchToken);
    await expect(source.satisfy(CHALLENGE)).resolves.toBe('stepped-up');
    expect(fetchToken).toHaveBeenLastCalledWith([CHALLENGE]);
  });
});

describe('the words for Microsoft 365 saying no', () => {
  it('names the access policy and keeps the code, and does not offer to retry by itself', () => {
    const blocked = describeFailure({
      ok: false,
      kind: 'http',
      status: 403,
      code: 'accessBlocked',
      message: 'Your organization’s access policy blocks Candor from reading your calendar here (AADSTS53003).',
    });
    expect(blocked.title).toBe('Your organization’s access policy blocks this');
    expect(blocked.message).toContain('AADSTS53003');
    expect(blocked.retryable).toBe(false);
  });

  it('says Candor cannot reach the mailbox, not "Something went wrong"', () => {
    const text = describeFailure({
      ok: false,
      kind: 'http',
      status: 424,
      code: 'mailboxUnavailable',
      message: 'Candor can’t reach the mailbox behind your calendar.',
    });
    expect(text.title).toBe('Candor can’t reach this mailbox');
    expect(text.retryable).toBe(false);
  });
});
