import { h } from './dom';
import { labelPersonalTabButtons } from './hostPage.personal';
import type { Stage } from './hostPage.stage';
import type { HostFrame, TeamsHostBridge } from './teamsBridge';
import type { SettingsEvent, TabSettings } from './teamsBridge.settings';

/**
 * Teams' meeting: the details tab in the wide pane and the side panel beside it, each answered with its own
 * frameContext. Null when no meeting is chosen. `added`: what the configuration page saved for this meeting.
 */
export function mountMeeting(
  stage: Stage,
  added: TabSettings | undefined,
  onSettings: (frame: HostFrame, event: SettingsEvent) => void,
): TeamsHostBridge | null {
  const { parts, state } = stage;
  parts.main.classList.remove('personal');
  parts.main.setAttribute('aria-label', 'Meeting stage');
  labelPersonalTabButtons(stage, null);
  parts.meetingSelect.disabled = false;
  const meeting = stage.meeting;
  parts.title.replaceChildren(meeting ? meeting.subject : 'No meeting', h('span', { class: 'muted' }, ' · Candor tab'));
  if (!meeting) {
    parts.details.replaceChildren(h('p', { class: 'muted' }, 'No meeting selected.'));
    parts.sidePanel.replaceChildren();
    return null;
  }
  const bridge = stage.bridge({ meeting, onSettings });
  parts.addButton.disabled = added !== undefined;
  if (state.panel) {
    // One frame only, so nothing else loads beside the page under measurement.
    parts.details.replaceChildren(h('p', { class: 'muted' }, `Side panel only: ${state.panel}`));
    parts.sidePanel.replaceChildren(
      stage.frame(bridge, 'sidePanel', `${stage.config.tabUrl}${state.panel}`, 'candor-board', 'Candor side panel')
        .iframe,
    );
    return bridge;
  }
  if (added) {
    // As Teams does once the tab is added: the one saved contentUrl in every meeting frame; the tab picks its
    // surface from the frame context.
    const entityId = added.entityId ?? '';
    parts.details.replaceChildren(
      stage.frame(bridge, 'content', added.contentUrl, entityId, 'Candor meeting details').iframe,
    );
    parts.sidePanel.replaceChildren(
      stage.frame(bridge, 'sidePanel', added.contentUrl, entityId, 'Candor side panel').iframe,
    );
    return bridge;
  }
  // Before that, each frame names its surface (`?surface=`), so the demo works without adding the tab first.
  parts.details.replaceChildren(
    stage.frame(bridge, 'content', stage.tabUrl('prep'), 'candor-prep', 'Candor meeting details').iframe,
  );
  parts.sidePanel.replaceChildren(
    stage.frame(bridge, 'sidePanel', stage.tabUrl('board'), 'candor-board', 'Candor side panel').iframe,
  );
  return bridge;
}
