import type { EnrolmentView, SaveEnrolmentRequest } from '@candor/contract';

/** Lead times the settings offer, in hours (the API takes any whole or fractional hour from 1 to 168). */
export const LEAD_TIME_CHOICES = [1, 2, 4, 8, 12, 24, 48, 72, 168] as const;
/** How long before a 1:1 the prep message can come, in minutes. */
export const PREP_MINUTE_CHOICES = [10, 15, 30, 45, 60, 120] as const;

/** "24 hours (a day)": the lead time as a person reads it. */
export function leadTimeText(hours: number): string {
  if (hours === 168) return '168 hours (a week)';
  if (hours % 24 === 0) return hours === 24 ? '24 hours (a day)' : `${hours} hours (${hours / 24} days)`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function prepMinutesText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour before' : `${minutes / 60} hours before`;
  return `${minutes} minutes before`;
}

/** The offered choices plus the stored value when it is not one of them (set through the API), in order. */
export function choicesWith(choices: readonly number[], current: number): number[] {
  return [...new Set([...choices, current])].sort((a, b) => a - b);
}

/** What one change on the page asks of PUT enrolment: the manager's current `enrolled` plus that change alone. */
export type EnrolmentChange = Omit<SaveEnrolmentRequest, 'enrolled'> & { enrolled?: boolean };

export function requestOf(view: EnrolmentView, change: EnrolmentChange): SaveEnrolmentRequest {
  return { ...change, enrolled: change.enrolled ?? view.enrolled };
}

/** The view as it will be once the change is saved, shown at once while the save is on its way. */
export function viewWith(view: EnrolmentView, change: EnrolmentChange): EnrolmentView {
  return {
    ...view,
    enrolled: change.enrolled ?? view.enrolled,
    leadTimeHours: change.leadTimeHours === undefined ? view.leadTimeHours : change.leadTimeHours,
    sendFromMyMailbox: change.sendFromMyMailbox ?? view.sendFromMyMailbox,
    attachToOneOnOnes: change.attachToOneOnOnes ?? view.attachToOneOnOnes,
    prep: change.prep
      ? { enabled: change.prep.enabled, minutesBefore: change.prep.minutesBefore ?? view.prep.minutesBefore }
      : view.prep,
  };
}

/** The lead time a report's request goes out with: theirs, else the manager's own, else the organization's. */
export function effectiveLeadTime(view: EnrolmentView, reportId?: string): number {
  const pair = reportId ? view.pairs.find((p) => p.reportId === reportId)?.leadTimeHours : null;
  return pair ?? view.leadTimeHours ?? view.defaultLeadTimeHours;
}

/** Why the page is read-only, or null when the manager may change it. */
export function readOnlyReason(view: EnrolmentView): string | null {
  return view.selfEnrolment === 'off'
    ? 'Your organization turns status requests on centrally, so these settings are shown read-only. ' +
        'Ask your Microsoft 365 administrator to change them.'
    : null;
}

/** The line under the on/off switch: what happens, in words. */
export function enrolledText(view: EnrolmentView): string {
  if (!view.enrolled) return 'Off: your reports get no status requests from Candor.';
  const by = view.source === 'configuration' ? ' (turned on by your organization)' : '';
  return `On${by}: each report is asked ${leadTimeText(effectiveLeadTime(view))} before your 1:1.`;
}
