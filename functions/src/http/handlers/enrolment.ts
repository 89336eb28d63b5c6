import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import {
  DEFAULT_PREP_MINUTES,
  objectIdSchema,
  saveEnrolmentRequestSchema,
  savePairLeadTimeRequestSchema,
  type EnrolmentView,
} from '../../contract';
import type { Caller } from '../../auth/tokenValidator';
import type { DirectoryPerson } from '../../domain/oneOnOnes';
import { normalizeId } from '../../domain/pairs';
import type { Services } from '../../composition';
import type { Enrolment } from '../../store/enrolmentStore';
import type { AuthenticatedHandler } from '../pipeline/authenticate';
import { fromGraph } from '../pipeline/errors';
import { parseJsonBody, parseRouteParams, type Parsed } from '../pipeline/parse';
import { badRequest, forbidden, ok } from '../pipeline/responses';

type EnrolmentServices = Pick<Services, 'enrolments' | 'orgChart' | 'statusRequests' | 'clock'>;

const pairParams = z.object({ reportId: objectIdSchema.transform((id) => id.toLowerCase()) });

/** GET enrolment: whether the caller's 1:1s get pre-meeting status requests, and with which lead times. */
export function getEnrolmentHandler(services: EnrolmentServices): AuthenticatedHandler {
  return async (_request, _context, caller) => {
    const manager = await asManager(services, caller);
    if (!manager.ok) return manager.response;
    return ok(await viewOf(services, caller, manager.value));
  };
}

/** PUT enrolment: the manager enrols or opts out, and may set their own lead time and sender. */
export function saveEnrolmentHandler(services: EnrolmentServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const body = await parseJsonBody(request, saveEnrolmentRequestSchema);
    if (!body.ok) return body.response;
    const manager = await asManager(services, caller);
    if (!manager.ok) return manager.response;
    if (services.statusRequests.selfEnrolment === 'off') return centrallyManaged();
    if (body.value.sendFromMyMailbox === false && !services.statusRequests.serviceMailbox) {
      return badRequest(
        'Your organization set up no mailbox for Candor, so the requests can only go from your own mailbox.',
        'sendFromMyMailbox',
      );
    }
    const current = await currentOf(services, caller);
    const next: Enrolment = {
      ...current,
      enrolled: body.value.enrolled,
      leadTimeMinutes:
        body.value.leadTimeHours === undefined
          ? current.leadTimeMinutes
          : body.value.leadTimeHours === null
            ? null
            : Math.round(body.value.leadTimeHours * 60),
      sendFromManagerMailbox: body.value.sendFromMyMailbox ?? current.sendFromManagerMailbox,
      attachToOneOnOnes: body.value.attachToOneOnOnes ?? current.attachToOneOnOnes,
      prepEnabled: body.value.prep?.enabled ?? current.prepEnabled,
      prepMinutesBefore: body.value.prep?.minutesBefore ?? current.prepMinutesBefore,
      updatedAt: services.clock().toISOString(),
    };
    await services.enrolments.save(caller.tenantId, next);
    return ok(await viewOf(services, caller, manager.value));
  };
}

/** PUT enrolment/pairs/{reportId}: a lead time for one direct report (null = the manager's own). */
export function savePairLeadTimeHandler(services: EnrolmentServices): AuthenticatedHandler {
  return async (request, _context, caller) => {
    const params = parseRouteParams(request.params, pairParams);
    if (!params.ok) return params.response;
    const body = await parseJsonBody(request, savePairLeadTimeRequestSchema);
    if (!body.ok) return body.response;
    const manager = await asManager(services, caller);
    if (!manager.ok) return manager.response;
    if (services.statusRequests.selfEnrolment === 'off') return centrallyManaged();
    if (!manager.value.some((r) => r.id === params.value.reportId)) {
      return forbidden('The directory does not list this person as your direct report.');
    }
    const current = await currentOf(services, caller);
    const pairs = { ...current.pairLeadTimeMinutes };
    if (body.value.leadTimeHours === null) delete pairs[params.value.reportId];
    else pairs[params.value.reportId] = Math.round(body.value.leadTimeHours * 60);
    await services.enrolments.save(caller.tenantId, {
      ...current,
      pairLeadTimeMinutes: pairs,
      updatedAt: services.clock().toISOString(),
    });
    return ok(await viewOf(services, caller, manager.value));
  };
}

/** The organization enrols managers by configuration (STATUS_SELF_ENROLMENT=off): their own choice is read-only. */
function centrallyManaged(): HttpResponseInit {
  return forbidden(
    'Your organization turns status requests on centrally, so these settings cannot be changed here. ' +
      'Ask your Microsoft 365 administrator to change them.',
  );
}

export async function asManager(services: EnrolmentServices, caller: Caller): Promise<Parsed<DirectoryPerson[]>> {
  const reports = await fromGraph('your direct reports', () => services.orgChart.directReportsOf(caller.userId));
  if (reports.length === 0) {
    return {
      ok: false,
      response: forbidden('Status requests are for managers, and the directory lists no direct reports for you.'),
    };
  }
  return { ok: true, value: reports };
}

/** The stored choice, or what configuration says when the manager never chose. */
async function currentOf(services: EnrolmentServices, caller: Caller): Promise<Enrolment> {
  const stored = await services.enrolments.get(caller.tenantId, caller.userId);
  return (
    stored ?? {
      managerId: normalizeId(caller.userId),
      enrolled: services.statusRequests.enrolledManagerIds.includes(normalizeId(caller.userId)),
      leadTimeMinutes: null,
      sendFromManagerMailbox: false,
      pairLeadTimeMinutes: {},
      attachToOneOnOnes: false,
      prepEnabled: false,
      prepMinutesBefore: DEFAULT_PREP_MINUTES,
      updatedAt: '',
    }
  );
}

async function viewOf(services: EnrolmentServices, caller: Caller, reports: DirectoryPerson[]): Promise<EnrolmentView> {
  const stored = await services.enrolments.get(caller.tenantId, caller.userId);
  const configured = services.statusRequests.enrolledManagerIds.includes(normalizeId(caller.userId));
  const hours = (minutes: number | null | undefined): number | null => (minutes ? minutes / 60 : null);
  return {
    managerId: normalizeId(caller.userId),
    enrolled: stored ? stored.enrolled : configured,
    source: stored ? 'api' : configured ? 'configuration' : 'none',
    leadTimeHours: hours(stored?.leadTimeMinutes),
    defaultLeadTimeHours: services.statusRequests.defaultLeadTimeMinutes / 60,
    sendFromMyMailbox: (stored?.sendFromManagerMailbox ?? false) || !services.statusRequests.serviceMailbox,
    candorMailbox: services.statusRequests.serviceMailbox !== null,
    pairs: reports.map((r) => ({
      reportId: r.id,
      displayName: r.displayName,
      leadTimeHours: hours(stored?.pairLeadTimeMinutes[r.id]),
    })),
    selfEnrolment: services.statusRequests.selfEnrolment,
    attachToOneOnOnes: stored?.attachToOneOnOnes ?? false,
    prep: { enabled: stored?.prepEnabled ?? false, minutesBefore: stored?.prepMinutesBefore ?? DEFAULT_PREP_MINUTES },
  };
}
