import { hostKind, hostProfile } from './hostKind';

describe('hostKind', () => {
  it.each([
    ['Teams', 'teams'],
    ['TeamsModern', 'teams'],
    ['Outlook', 'outlook'],
    ['OutlookWin32', 'outlook'],
    ['Office', 'microsoft365'],
    ['Places', 'other'],
    ['Orange', 'other'],
    ['', 'other'],
    [null, 'other'],
    ['hasOwnProperty', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(hostKind(name)).toBe(kind);
  });
});

describe('hostProfile', () => {
  it('names Outlook as Outlook and keeps meetings to Teams', () => {
    expect(hostProfile('Outlook', 'web')).toEqual({
      kind: 'outlook',
      label: 'Outlook',
      hostsMeetings: false,
      mobile: false,
    });
    expect(hostProfile('Teams', 'desktop')).toEqual({
      kind: 'teams',
      label: 'Teams',
      hostsMeetings: true,
      mobile: false,
    });
    expect(hostProfile('Office', 'web').label).toBe('Microsoft 365');
  });

  it('knows the mobile clients', () => {
    expect(hostProfile('Outlook', 'android').mobile).toBe(true);
    expect(hostProfile('Teams', 'ios').mobile).toBe(true);
    expect(hostProfile('Teams', 'web').mobile).toBe(false);
    expect(hostProfile('Teams', undefined).mobile).toBe(false);
  });
});
