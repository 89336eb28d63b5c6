import type { app } from '@microsoft/teams-js';
import { normalizeTheme, toHostContext } from './context';

describe('normalizeTheme', () => {
  it.each([
    ['default', 'default'],
    ['dark', 'dark'],
    ['contrast', 'contrast'],
    ['highContrast', 'contrast'],
    [undefined, 'default'],
    ['something-new', 'default'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTheme(input)).toBe(expected);
  });
});

describe('toHostContext', () => {
  it('picks the fields Candor uses from a v2 context', () => {
    const ctx = {
      app: {
        locale: 'en-gb',
        theme: 'dark',
        sessionId: 's',
        host: { name: 'Teams', clientType: 'web', sessionId: 'h' },
      },
      page: { id: 'candor-board', frameContext: 'sidePanel' },
      user: { id: '11111111-1111-1111-1111-111111111111', tenant: { id: '22222222-2222-2222-2222-222222222222' } },
      chat: { id: '19:meeting_abc@thread.v2' },
      meeting: { id: 'MCMx' },
      dialogParameters: {},
    } as unknown as app.Context;
    expect(toHostContext(ctx)).toEqual({
      userId: '11111111-1111-1111-1111-111111111111',
      tenantId: '22222222-2222-2222-2222-222222222222',
      chatId: '19:meeting_abc@thread.v2',
      meetingId: 'MCMx',
      frameContext: 'sidePanel',
      theme: 'dark',
      hostName: 'Teams',
      clientType: 'web',
      subPageId: null,
      locale: 'en-gb',
    });
  });

  it('tolerates a context without chat or meeting', () => {
    const ctx = {
      app: { locale: '', theme: 'default', sessionId: '', host: { name: 'Outlook', clientType: 'web', sessionId: '' } },
      page: { id: 'x', frameContext: 'content', subPageId: 'sub.token' },
      user: { id: 'u' },
      dialogParameters: {},
    } as unknown as app.Context;
    const result = toHostContext(ctx);
    expect(result.chatId).toBeNull();
    expect(result.meetingId).toBeNull();
    expect(result.tenantId).toBeNull();
    expect(result.locale).toBe('en-US');
    expect(result.hostName).toBe('Outlook');
    expect(result.subPageId).toBe('sub.token');
  });
});
