import { readStatusRequestConfig } from './statusRequests';

describe('the self-enrolment switch', () => {
  it('lets managers turn status requests on themselves unless the organization says otherwise', () => {
    const read = readStatusRequestConfig({});
    expect(read.ok && read.value.selfEnrolment).toBe('allowed');
  });

  it('keeps enrolment central with STATUS_SELF_ENROLMENT=off, configuration still enrolling', () => {
    const read = readStatusRequestConfig({
      STATUS_SELF_ENROLMENT: 'off',
      STATUS_ENROLLED_MANAGERS: '1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D',
    });
    expect(read.ok && read.value.selfEnrolment).toBe('off');
    expect(read.ok && read.value.enrolledManagerIds).toEqual(['1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d']);
  });

  it('names the variable when its value is neither allowed nor off', () => {
    const read = readStatusRequestConfig({ STATUS_SELF_ENROLMENT: 'maybe' });
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.join(' ')).toContain('STATUS_SELF_ENROLMENT');
  });
});
