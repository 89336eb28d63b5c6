import { surfaceFromSearch } from '../host/surfaces';
import { meetingTabConfig } from './meetingTabConfig';

describe('meetingTabConfig', () => {
  it('points the meeting tab at the same origin and path, with no surface of its own', () => {
    const config = meetingTabConfig('https://stapp-abc.azurestaticapps.net/?surface=config&theme=dark#x');
    expect(config).toEqual({
      contentUrl: 'https://stapp-abc.azurestaticapps.net/',
      entityId: 'candor-board',
      suggestedDisplayName: 'Candor',
      websiteUrl: 'https://stapp-abc.azurestaticapps.net/',
    });
    // One URL for the side panel, details tab and chat tab: the frame context must decide.
    expect(surfaceFromSearch(new URL(config.contentUrl).search)).toBeNull();
  });

  it('keeps a path the tab is served under', () => {
    expect(meetingTabConfig('http://localhost:4281/candor/index.html?surface=config').contentUrl).toBe(
      'http://localhost:4281/candor/',
    );
  });
});
