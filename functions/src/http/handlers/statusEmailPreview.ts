import { z } from 'zod';
import { objectIdSchema, type StatusEmailPreview } from '../../contract';
import type { Caller } from '../../auth/tokenValidator';
import type { DirectoryPerson } from '../../domain/oneOnOnes';
import { normalizeId } from '../../domain/pairs';
import { findDueOneOnOnes } from '../../domain/statusRequests';
import type { Services } from '../../composition';
import { orgChartOf, withAddressesResolved } from '../../jobs/managers';
import { requestSenderOf, statusRequestEmailOf } from '../../jobs/preMeetingScan';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { fromGraph } from '../pipeline/errors';
import { parseRouteParams } from '../pipeline/parse';
import { forbidden, ok } from '../pipeline/responses';
import { asManager } from './enrolment';

type PreviewServices = Pick<Services, 'enrolments' | 'orgChart' | 'statusRequests' | 'statusScan' | 'clock'>;

const previewQuery = z.strictObject({ reportId: objectIdSchema.transform((id) => id.toLowerCase()) });

/** How far ahead the preview looks for the pair's next 1:1: a monthly series' next occurrence is inside it. */
const LOOK_AHEAD_MS = 35 * 24 * 3600_000;
const HOUR_MS = 3600_000;

/**
 * The placeholder where the signed token goes. It is no JWS (no header, payload or signature), so the status
 * form's verifier refuses it like any tampered link; the preview never signs anything, whatever the secret.
 */
export const PREVIEW_LINK_TOKEN = 'preview';

/**
 * GET enrolment/status-email-preview?reportId=: the status request email to one of the caller's direct reports,
 * composed by the scan's own code for their next 1:1 (else a sample time tomorrow), with a link that opens nothing.
 * Reading it changes nothing, so it stays open when the organization keeps enrolment central.
 */
export function statusEmailPreviewHandler(services: PreviewServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const query = parseRouteParams(Object.fromEntries(request.query.entries()), previewQuery);
    if (!query.ok) return query.response;
    const reports = await asManager(services, caller);
    if (!reports.ok) return reports.response;
    // An id the directory does not know is answered as someone else's report: the route tells no one who exists.
    const report = reports.value.find((r) => r.id === query.value.reportId);
    if (!report) return forbidden('The directory does not list this person as your direct report.');
    return ok(await previewOf(services, caller, report));
  };
}

async function previewOf(
  services: PreviewServices,
  caller: Caller,
  report: DirectoryPerson,
): Promise<StatusEmailPreview> {
  const managerId = normalizeId(caller.userId);
  const next = await nextOneOnOne(services, managerId, report.id);
  const manager = next?.manager ?? (await personOf(services, managerId));
  const occurrence = next ?? {
    manager,
    report,
    subject: `${manager.displayName} / ${report.displayName} 1:1`,
    startUtc: new Date(Math.ceil(services.clock().getTime() / HOUR_MS) * HOUR_MS + 24 * HOUR_MS).toISOString(),
  };
  const zones = await fromGraph("your report's time zone", () => services.statusScan.timeZones([report.id]));
  const base = services.statusRequests.formBaseUrl ?? 'https://candor.invalid';
  const email = statusRequestEmailOf(
    occurrence,
    zones.get(report.id),
    `${base}/?surface=status&token=${PREVIEW_LINK_TOKEN}`,
  );
  const enrolment = await services.enrolments.get(caller.tenantId, managerId);
  const sender = requestSenderOf(enrolment, managerId, services.statusRequests.serviceMailbox);
  return {
    reportId: report.id,
    from: sender === managerId ? named(manager) : `Candor (${sender})`,
    to: named(occurrence.report),
    subject: email.subject,
    html: email.html,
  };
}

/** The pair's next 1:1 as the scan would find it in the manager's calendar; null when none is known. */
async function nextOneOnOne(services: PreviewServices, managerId: string, reportId: string) {
  const now = services.clock();
  const [directories, calendars] = await fromGraph('your calendar', () =>
    Promise.all([
      services.statusScan.directories([managerId]),
      services.statusScan.calendars([managerId], now, new Date(now.getTime() + LOOK_AHEAD_MS)),
    ]),
  );
  const directory = directories.get(managerId);
  const events = calendars.get(managerId);
  if (!directory || !events) return null;
  const [facts] = await withAddressesResolved(services.statusScan, [{ facts: orgChartOf(directory), events }]);
  const found = findDueOneOnOnes({
    managerId,
    events,
    orgChart: facts ?? orgChartOf(directory),
    leadTimeMinutesFor: () => LOOK_AHEAD_MS / 60_000,
    now,
  }).filter((o) => o.pair.reportId === reportId);
  return found.sort((a, b) => Date.parse(a.startUtc) - Date.parse(b.startUtc))[0] ?? null;
}

async function personOf(services: PreviewServices, userId: string): Promise<DirectoryPerson> {
  const found = await fromGraph('you in the directory', () => services.orgChart.person(userId));
  return found ?? { id: userId, displayName: '', addresses: [] };
}

function named(person: DirectoryPerson): string {
  const address = person.addresses[0];
  return address ? `${person.displayName} <${address}>` : person.displayName;
}
