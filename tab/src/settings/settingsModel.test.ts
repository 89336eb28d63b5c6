import type { EnrolmentView } from '@candor/contract';
import {
  choicesWith,
  effectiveLeadTime,
  enrolledText,
  leadTimeText,
  prepMinutesText,
  readOnlyReason,
  requestOf,
  viewWith,
} from './settingsModel';

const ADELE = '22222222-2222-4222-8222-222222222222';
const view: EnrolmentView = {
  managerId: '11111111-1111-4111-8111-111111111111',
  enrolled: false,
  source: 'none',
  leadTimeHours: null,
  defaultLeadTimeHours: 24,
  sendFromMyMailbox: false,
  candorMailbox: true,
  pairs: [{ reportId: ADELE, displayName: 'Adele Vance', leadTimeHours: 4 }],
  selfEnrolment: 'allowed',
  attachToOneOnOnes: false,
  prep: { enabled: false, minutesBefore: 30 },
};

describe('the settings page model', () => {
  it('sends one change with the current enrolment, and shows it at once', () => {
    expect(requestOf(view, { attachToOneOnOnes: true })).toEqual({ enrolled: false, attachToOneOnOnes: true });
    expect(requestOf(view, { enrolled: true })).toEqual({ enrolled: true });
    const prepOn = viewWith(view, { prep: { enabled: true } });
    expect(prepOn.prep).toEqual({ enabled: true, minutesBefore: 30 });
    expect(viewWith(prepOn, { prep: { enabled: true, minutesBefore: 15 } }).prep.minutesBefore).toBe(15);
    expect(viewWith({ ...view, leadTimeHours: 8 }, { leadTimeHours: null }).leadTimeHours).toBeNull();
  });

  it("takes a report's lead time, else the manager's, else the organization's", () => {
    expect(effectiveLeadTime(view, ADELE)).toBe(4);
    expect(effectiveLeadTime(view)).toBe(24);
    expect(effectiveLeadTime({ ...view, leadTimeHours: 48 })).toBe(48);
  });

  it('says lead times and prep times in words', () => {
    expect(leadTimeText(24)).toBe('24 hours (a day)');
    expect(leadTimeText(48)).toBe('48 hours (2 days)');
    expect(leadTimeText(168)).toBe('168 hours (a week)');
    expect(leadTimeText(1)).toBe('1 hour');
    expect(prepMinutesText(30)).toBe('30 minutes before');
    expect(prepMinutesText(120)).toBe('2 hours before');
    expect(choicesWith([10, 30], 20)).toEqual([10, 20, 30]);
  });

  it('explains a central roll-out and who turned requests on', () => {
    expect(readOnlyReason(view)).toBeNull();
    expect(readOnlyReason({ ...view, selfEnrolment: 'off' })).toMatch(
      /^Your organization turns status requests on centrally/,
    );
    expect(enrolledText(view)).toMatch(/^Off/);
    expect(enrolledText({ ...view, enrolled: true, source: 'configuration' })).toBe(
      'On (turned on by your organization): each report is asked 24 hours (a day) before your 1:1.',
    );
  });
});
