import type { StatusChannelView } from '@candor/contract';
import { formatDay } from '../ui/formatDate';
import { chatNoticeOf } from './statusChannelText';

const day = (iso: string): string => formatDay(iso, 'en-US', 'UTC');
const view = (over: Partial<StatusChannelView>): StatusChannelView => ({
  channel: 'chat',
  chosen: true,
  chatAvailable: true,
  chatUnavailable: null,
  ...over,
});
const since = '2026-11-23T06:00:00.000Z';

describe('chatNoticeOf', () => {
  it.each([
    ['notInCatalog', /Candor has not been added to your organization's Teams apps yet/],
    ['blocked', /your organization's Teams app settings don't allow Candor for you/],
    ['noTeamsLicence', /your account doesn't have a Microsoft Teams licence/],
    ['notPermitted', /Candor has not been given permission to add itself to Teams/],
  ] as const)('says in plain words why chat is unavailable (%s), since when, and that email is used', (reason, why) => {
    const text = chatNoticeOf(view({ chatUnavailable: { reason, since } }), day);
    expect(text).toMatch(why);
    expect(text).toContain("Teams chat isn't working for you since Monday, November 23");
    expect(text).toContain('your status requests come by email instead');
  });

  it('tells someone who chose both that only the email comes meanwhile', () => {
    const text = chatNoticeOf(view({ channel: 'both', chatUnavailable: { reason: 'blocked', since } }), day);
    expect(text).toContain('by email only');
  });

  it('says nothing when chat works or email was chosen, and names a bot that is not set up', () => {
    expect(chatNoticeOf(view({}), day)).toBeNull();
    expect(chatNoticeOf(view({ channel: 'email', chatUnavailable: { reason: 'blocked', since } }), day)).toBeNull();
    expect(chatNoticeOf(view({ chatAvailable: false }), day)).toMatch(/not set up in your organization yet/);
  });
});
