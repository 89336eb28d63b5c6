import { chatUnavailableReasonOf } from './botInstallGateway';

/*
 * Teams' refusals to add the bot for a person, as Graph words them: which last (the person gets email instead
 * until they are fixed) and which pass by themselves (the scan simply tries again).
 */
describe('chatUnavailableReasonOf', () => {
  it.each([
    [{ status: 404, code: 'NotFound', message: 'Not Found' }, 'notInCatalog'],
    [
      { status: 400, code: 'BadRequest', message: 'The teamsApp@odata.bind value names no app of the app catalog.' },
      'notInCatalog',
    ],
    [
      {
        status: 403,
        code: 'Forbidden',
        message: 'App is blocked by app permission policy. TenantId: t, UserObjectId: u, AppId: a, AppType: Private',
      },
      'blocked',
    ],
    [{ status: 403, code: 'Forbidden', message: 'Forbidden' }, 'blocked'],
    [
      {
        status: 403,
        code: 'Forbidden',
        message:
          'Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.',
      },
      'noTeamsLicence',
    ],
    [{ status: 404, code: 'NotFound', message: "User Id 'u' not found." }, 'noTeamsLicence'],
    [
      {
        status: 403,
        code: 'Forbidden',
        message:
          "Missing scope permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser'.",
      },
      'notPermitted',
    ],
    [
      {
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
      'notPermitted',
    ],
  ])('%j lasts: %s', (refusal, reason) => {
    expect(chatUnavailableReasonOf(refusal)).toBe(reason);
  });

  it.each([
    [{ status: 429, code: 'TooManyRequests', message: 'Too many requests' }],
    [{ status: 500, code: 'InternalServerError', message: 'Failed to execute backend request' }],
    [{ status: 502, code: 'BadGateway' }],
    [{ status: 503, code: 'ServiceUnavailable', message: 'Service unavailable' }],
    [{ status: 504, code: 'GatewayTimeout' }],
    [{ status: 401, code: 'InvalidAuthenticationToken', message: 'Access token has expired' }],
    [
      {
        status: 400,
        code: 'BadRequest',
        message: 'Exception in CreateOrUpdateUserAppEntitlementForTeamsAsync. Failed to execute settings store request',
      },
    ],
  ])('%j passes by itself', (refusal) => {
    expect(chatUnavailableReasonOf(refusal)).toBeNull();
  });
});
