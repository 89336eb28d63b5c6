import { pages } from '@microsoft/teams-js';
import { tabConfigOffer, type TabInstanceConfig } from './tabConfig';

jest.mock('@microsoft/teams-js', () => ({
  pages: { config: { registerOnSaveHandler: jest.fn(), setValidityState: jest.fn(), setConfig: jest.fn() } },
}));

const config: TabInstanceConfig = {
  contentUrl: 'https://tab.test/',
  entityId: 'candor-board',
  suggestedDisplayName: 'Candor',
  websiteUrl: 'https://tab.test/',
};
const teams = jest.mocked(pages.config);

/** Plays Teams' Save button on the handler the page registered, with a save event that records its answer. */
function pressSave(): { notifySuccess: jest.Mock<void, []>; notifyFailure: jest.Mock<void, [reason?: string]> } {
  const handler = teams.registerOnSaveHandler.mock.calls.at(-1)?.[0];
  if (!handler) throw new Error('No save handler was registered');
  const saveEvent = {
    result: {},
    notifySuccess: jest.fn<void, []>(),
    notifyFailure: jest.fn<void, [reason?: string]>(),
  };
  handler(saveEvent);
  return saveEvent;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => jest.clearAllMocks());

describe('tabConfigOffer', () => {
  it('offers the configuration on its first subscription only, and is ready until Teams saves', () => {
    const offer = tabConfigOffer(config);
    expect(teams.registerOnSaveHandler).not.toHaveBeenCalled();
    const stop = offer.subscribe(() => undefined);
    offer.subscribe(() => undefined);
    expect(teams.registerOnSaveHandler).toHaveBeenCalledTimes(1);
    expect(teams.setValidityState).toHaveBeenCalledWith(true);
    expect(offer.get()).toEqual({ kind: 'ready' });
    stop();
  });

  it('says the offer is unavailable, and tells its listener, when teams-js refuses it', () => {
    teams.registerOnSaveHandler.mockImplementationOnce(() => {
      throw new Error('This call is only allowed in following contexts: ["settings"].');
    });
    const offer = tabConfigOffer(config);
    const heard = jest.fn();
    offer.subscribe(heard);
    expect(offer.get()).toEqual({
      kind: 'unavailable',
      message: 'This call is only allowed in following contexts: ["settings"].',
    });
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('saves the configuration when Teams asks, and reports a refused save with its reason', async () => {
    const offer = tabConfigOffer(config);
    offer.subscribe(() => undefined);

    teams.setConfig.mockResolvedValueOnce(undefined);
    const saved = pressSave();
    await settle();
    expect(teams.setConfig).toHaveBeenCalledWith(config);
    expect(saved.notifySuccess).toHaveBeenCalledTimes(1);
    expect(offer.get()).toEqual({ kind: 'saved' });

    teams.setConfig.mockRejectedValueOnce(new Error('Tab limit reached'));
    const refused = pressSave();
    await settle();
    expect(refused.notifyFailure).toHaveBeenCalledWith('Tab limit reached');
    expect(offer.get()).toEqual({ kind: 'failed', message: 'Tab limit reached' });
  });
});
