import { h } from './dom';
import { readPinnedTab } from './hostApi';
import { labelPersonalTabButtons } from './hostPage.personal';
import type { Stage } from './hostPage.stage';
import type { HostFrame, TeamsHostBridge } from './teamsBridge';
import type { SettingsEvent, TabSettings } from './teamsBridge.settings';

/**
 * Teams' meeting: the details tab in the wide pane and the side panel beside it, each answered with its own
 * frameContext. Null when no meeting is chosen. `added`: what the configuration page saved for this meeting; without
 * it, the tab Candor pinned in the meeting's chat, if any.
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
    mountAdded(stage, bridge, added);
    return bridge;
  }
  // Teams shows a tab pinned in the meeting's chat (Candor attaches itself to 1:1s) from the start: ask first.
  const asking = h('p', { class: 'muted' }, 'Opening the meeting…');
  parts.details.replaceChildren(asking);
  parts.sidePanel.replaceChildren();
  const lookup = readPinnedTab(meeting.chatId).catch(() => null); // unknown: as not pinned
  void lookup.then((pinned) => {
    // Another meeting, view or host was mounted meanwhile: this answer is for frames that are gone.
    if (!asking.isConnected) return;
    if (pinned) {
      parts.addButton.disabled = true;
      parts.title.replaceChildren(meeting.subject, h('span', { class: 'muted' }, ' · Candor tab, pinned by Candor'));
      mountAdded(stage, bridge, pinned);
      return;
    }
    // Not added yet: each frame names its surface (`?surface=`), so the demo works without adding the tab first.
    parts.details.replaceChildren(
      stage.frame(bridge, 'content', stage.tabUrl('prep'), 'candor-prep', 'Candor meeting details').iframe,
    );
    parts.sidePanel.replaceChildren(
      stage.frame(bridge, 'sidePanel', stage.tabUrl('board'), 'candor-board', 'Candor side panel').iframe,
    );
  });
  return bridge;
}

/**
 * As Teams does once the tab is added (by a person, or pinned by Candor): the one saved contentUrl in every meeting
 * frame; the tab picks its surface from the frame context.
 */
function mountAdded(stage: Stage, bridge: TeamsHostBridge, added: TabSettings): void {
  const entityId = added.entityId ?? '';
  stage.parts.details.replaceChildren(
    stage.frame(bridge, 'content', added.contentUrl, entityId, 'Candor meeting details').iframe,
  );
  stage.parts.sidePanel.replaceChildren(
    stage.frame(bridge, 'sidePanel', added.contentUrl, entityId, 'Candor side panel').iframe,
  );
}
