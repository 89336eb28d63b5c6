import { renderToString } from 'react-dom/server';
import type { EnrolmentView } from '@candor/contract';
import { OneOnOneHelpCard } from './OneOnOneHelpCard';
import { StatusRequestsCard } from './StatusRequestsCard';

/*
 * The manager's cards as they first render: every control there is disabled when the organization keeps
 * enrolment central, and the prep time only once the prep message is on.
 */

const view: EnrolmentView = {
  managerId: '11111111-1111-4111-8111-111111111111',
  enrolled: true,
  source: 'configuration',
  leadTimeHours: null,
  defaultLeadTimeHours: 24,
  sendFromMyMailbox: false,
  candorMailbox: true,
  pairs: [{ reportId: '22222222-2222-4222-8222-222222222222', displayName: 'Adele Vance', leadTimeHours: null }],
  selfEnrolment: 'off',
  attachToOneOnOnes: false,
  prep: { enabled: false, minutesBefore: 30 },
};
const none = (): void => undefined;

/** Every form control in the markup, and whether it carries `disabled`. */
function controls(html: string): Array<{ tag: string; disabled: boolean }> {
  return [...html.matchAll(/<(input|select|button)\b[^>]*>/g)].map((m) => ({
    tag: m[1] ?? '',
    disabled: /\sdisabled(=""|\s|>|\/)/.test(m[0]),
  }));
}

describe("the manager's settings cards", () => {
  it('disable every status-request control when the organization keeps enrolment central', () => {
    const html = renderToString(<StatusRequestsCard view={view} readOnly change={none} changePair={none} />);
    const found = controls(html);
    // The switch, two lead-time selects and two sender radios.
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(found.every((c) => c.disabled)).toBe(true);
    expect(html).toContain('turned on by your organization');
  });

  it('leave them open to a manager who chooses, the prep time waiting for the prep message', () => {
    const open = { ...view, selfEnrolment: 'allowed' as const };
    expect(
      controls(
        renderToString(<StatusRequestsCard view={open} readOnly={false} change={none} changePair={none} />),
      ).some((c) => c.disabled),
    ).toBe(false);
    const help = controls(renderToString(<OneOnOneHelpCard view={open} readOnly={false} change={none} />));
    expect(help.map((c) => c.disabled)).toEqual([false, false, true]);
    const prepOn = controls(
      renderToString(
        <OneOnOneHelpCard
          view={{ ...open, prep: { enabled: true, minutesBefore: 30 } }}
          readOnly={false}
          change={none}
        />,
      ),
    );
    expect(prepOn.map((c) => c.disabled)).toEqual([false, false, false]);
  });
});
