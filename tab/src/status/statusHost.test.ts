import { connectStatusHost, statusLinkToken, type StatusHostPort } from './statusHost';

describe('statusLinkToken', () => {
  it('takes the email link’s token first', () => {
    expect(statusLinkToken('?surface=status&token=a.b.c', 'x.y.z')).toBe('a.b.c');
  });

  it('falls back to the deep link’s sub-page id when the URL has none', () => {
    expect(statusLinkToken('?surface=status', 'x.y.z')).toBe('x.y.z');
    expect(statusLinkToken('?surface=status&token=', ' x.y.z ')).toBe('x.y.z');
  });

  it('is empty when neither has one', () => {
    expect(statusLinkToken('?surface=status', null)).toBe('');
    expect(statusLinkToken('', undefined)).toBe('');
  });
});

describe('connectStatusHost', () => {
  function port(overrides: Partial<StatusHostPort> = {}): StatusHostPort & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      framed: true,
      initialize: (timeoutMs) => {
        calls.push(`initialize ${timeoutMs}`);
        return Promise.resolve({ ok: true });
      },
      getContext: () => {
        calls.push('getContext');
        return Promise.resolve({ hostName: 'Outlook', clientType: 'web', theme: 'dark', subPageId: 'x.y.z' });
      },
      ...overrides,
    };
  }

  it('never starts teams-js in a top-level page (the email’s link in a browser)', async () => {
    const p = port({ framed: false });
    await expect(connectStatusHost(p)).resolves.toEqual({ hosted: false });
    expect(p.calls).toEqual([]);
  });

  it('reports Outlook, its theme and the sub-page id when framed by Outlook', async () => {
    const p = port();
    const host = await connectStatusHost(p, 1234);
    expect(p.calls).toEqual(['initialize 1234', 'getContext']);
    expect(host).toEqual({
      hosted: true,
      profile: { kind: 'outlook', label: 'Outlook', hostsMeetings: false, mobile: false },
      theme: 'dark',
      subPageId: 'x.y.z',
    });
  });

  it('is a plain page when the frame’s parent is no host, or the context fails', async () => {
    await expect(connectStatusHost(port({ initialize: () => Promise.resolve({ ok: false }) }))).resolves.toEqual({
      hosted: false,
    });
    await expect(
      connectStatusHost(
        port({
          getContext: () => Promise.reject(new Error('no context')),
        }),
      ),
    ).resolves.toEqual({ hosted: false });
  });
});
