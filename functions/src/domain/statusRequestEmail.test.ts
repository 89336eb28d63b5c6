import { ianaTimeZoneOf, formatMeetingTime } from './meetingTime';
import { PROMPT_PREVIEW, statusRequestEmail } from './statusRequestEmail';

const base = {
  managerName: 'Megan Bowen',
  reportName: 'Adele Vance',
  meetingSubject: 'Megan / Adele 1:1',
  startUtc: '2026-11-23T14:30:00.000Z',
  recipientTimeZone: 'Asia/Tokyo',
  formUrl: 'https://candor.example/?surface=status&token=abc.def.ghi',
};

describe('statusRequestEmail', () => {
  it('gives the time in the recipient’s zone, why status goes in writing, the three prompts and the button', () => {
    const email = statusRequestEmail(base);
    // 14:30 UTC is 23:30 in Tokyo, still Monday there.
    expect(email.text).toContain('Monday, November 23, 11:30 PM (GMT+9)');
    expect(email.subject).toBe(
      'Before your 1:1 with Megan Bowen (Monday, November 23, 11:30 PM): a short status update',
    );
    expect(email.text).toMatch(/status in writing/);
    for (const prompt of PROMPT_PREVIEW) expect(email.html).toContain(prompt);
    expect(email.html).toContain('href="https://candor.example/?surface=status&amp;token=abc.def.ghi"');
    expect(email.text).toContain('Write your status update: https://candor.example/?surface=status&token=abc.def.ghi');
  });

  it('crosses midnight for a reader west of the meeting', () => {
    const email = statusRequestEmail({
      ...base,
      startUtc: '2026-11-24T02:00:00.000Z',
      recipientTimeZone: ianaTimeZoneOf('Pacific Standard Time'),
    });
    expect(email.text).toContain('Monday, November 23, 6:00 PM (GMT-8)');
  });

  it('escapes markup in names and subjects', () => {
    const email = statusRequestEmail({
      ...base,
      managerName: '<b>Megan</b>',
      meetingSubject: '1:1 <img src=x onerror=alert(1)>',
    });
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says UTC when the recipient’s zone is unknown', () => {
    expect(formatMeetingTime('2026-11-23T14:30:00.000Z', ianaTimeZoneOf('Mars Standard Time'))).toBe(
      'Monday, November 23, 2:30 PM (UTC)',
    );
  });

  it('maps Exchange’s Windows zone names to IANA', () => {
    expect(ianaTimeZoneOf('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaTimeZoneOf('Europe/Lisbon')).toBe('Europe/Lisbon');
    expect(ianaTimeZoneOf('')).toBeNull();
  });
});
