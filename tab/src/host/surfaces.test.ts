import {
  CONFIGURATION_SURFACE,
  PERSONAL_TABS,
  TAB_PLACEMENTS,
  chooseSurface,
  isHandledContext,
  surfaceForFrameContext,
  surfaceFromSearch,
} from './surfaces';

describe('surfaceFromSearch', () => {
  it.each([
    ['?surface=board', 'board'],
    ['?surface=prep&theme=dark', 'prep'],
    ['?surface=status&token=abc', 'status'],
    ['?surface=config', 'config'],
    ['?surface=trends', 'trends'],
    ['?surface=home&theme=dark', 'home'],
    ['?surface=settings', 'settings'],
    ['?surface=Trends', null],
    ['?surface=Board', null],
    ['?theme=dark', null],
    ['', null],
  ])('%s → %s', (search, expected) => {
    expect(surfaceFromSearch(search)).toBe(expected);
  });
});

describe('surfaceForFrameContext', () => {
  it('gives the side panel the board, the details and chat tabs prep, the configuration page config', () => {
    expect(surfaceForFrameContext('sidePanel')).toBe('board');
    expect(surfaceForFrameContext('content')).toBe('prep');
    expect(surfaceForFrameContext('settings')).toBe('config');
  });

  it('has nothing for remove, unknown frame contexts or none', () => {
    expect(surfaceForFrameContext('remove')).toBeNull();
    expect(surfaceForFrameContext('meetingStage')).toBeNull();
    expect(surfaceForFrameContext('toString')).toBeNull();
    expect(surfaceForFrameContext(null)).toBeNull();
  });
});

describe('chooseSurface', () => {
  it('lets an explicit ?surface= win over the frame context', () => {
    expect(chooseSurface('prep', 'sidePanel')).toBe('prep');
    expect(chooseSurface('status', 'content')).toBe('status');
  });

  it('follows the frame context when the URL names no surface', () => {
    expect(chooseSurface(null, 'sidePanel')).toBe('board');
    expect(chooseSurface(null, 'content')).toBe('prep');
    expect(chooseSurface(null, 'settings')).toBe('config');
  });

  it('falls back to the board where the frame context says nothing', () => {
    expect(chooseSurface(null, 'remove')).toBe('board');
    expect(chooseSurface(null, null)).toBe('board');
  });
});

describe('manifest placements', () => {
  it('derive the meeting contexts’ surfaces from the frame-context map', () => {
    for (const context of ['meetingSidePanel', 'meetingDetailsTab', 'meetingChatTab'] as const) {
      const placement = TAB_PLACEMENTS[context];
      expect(chooseSurface(null, placement.frameContext)).toBe(placement.surface);
    }
    expect(CONFIGURATION_SURFACE).toBe(chooseSurface(null, 'settings'));
  });

  it('open Home first among the personal tabs, Trends second, each by its own surface', () => {
    expect(PERSONAL_TABS).toEqual([
      { entityId: 'candor-home', surface: 'home' },
      { entityId: 'candor-trends', surface: 'trends' },
    ]);
    expect(TAB_PLACEMENTS.personalTab.surface).toBe('home');
  });

  it('know the contexts the manifest may list', () => {
    expect(isHandledContext('meetingChatTab')).toBe(true);
    expect(isHandledContext('meetingStage')).toBe(false);
    expect(isHandledContext('hasOwnProperty')).toBe(false);
  });
});
