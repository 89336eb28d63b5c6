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

describe('toHostContext: the meeting chat wherever the host reports it', () => {
  const MEETING_CHAT = '19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMx@thread.v2';
  const base = {
    app: {
      locale: 'en-us',
      theme: 'default',
      sessionId: '',
      host: { name: 'Teams', clientType: 'android', sessionId: '' },
    },
    page: { id: 'candor-board', frameContext: 'sidePanel' },
    user: { id: 'u' },
    dialogParameters: {},
  };
  const contextWith = (extra: Record<string, unknown>) => ({ ...base, ...extra }) as unknown as app.Context;

  it('reads the chat id from the meeting id (base64 of 0#<thread id>#0) when the host gives no chat', () => {
    const meetingId = btoa(`0#${MEETING_CHAT}#0`);
    expect(toHostContext(contextWith({ meeting: { id: meetingId } })).chatId).toBe(MEETING_CHAT);
  });

  it('takes a meeting chat the Android client reports as the channel', () => {
    expect(toHostContext(contextWith({ channel: { id: MEETING_CHAT } })).chatId).toBe(MEETING_CHAT);
  });

  it('prefers the chat the host names, and never takes a team channel for a meeting chat', () => {
    const other = '19:meeting_OTHER@thread.v2';
    expect(toHostContext(contextWith({ chat: { id: MEETING_CHAT }, channel: { id: other } })).chatId).toBe(
      MEETING_CHAT,
    );
    expect(toHostContext(contextWith({ channel: { id: '19:abc123@thread.tacv2' } })).chatId).toBeNull();
    expect(toHostContext(contextWith({ meeting: { id: 'not base64 at all!' } })).chatId).toBeNull();
    expect(toHostContext(contextWith({ meeting: { id: btoa('0#19:abc@thread.tacv2#0') } })).chatId).toBeNull();
  });
});
