import { h } from './dom';
import { framePersonalTab, labelPersonalTabButtons } from './hostPage.personal';
import type { Stage } from './hostPage.stage';
import type { TeamsHostBridge } from './teamsBridge';

/**
 * Outlook: personal tabs only, full width, no meeting or chat in the context, `app.host.name` Outlook. Home or the
 * Trends tab (what Outlook's app bar opens), or the status form opened from the outbox's email inside this frame.
 */
export function mountOutlook(stage: Stage): TeamsHostBridge {
  const { parts, state } = stage;
  parts.main.classList.add('personal');
  parts.main.setAttribute('aria-label', 'Outlook personal app');
  labelPersonalTabButtons(stage, null);
  parts.meetingSelect.disabled = true;
  parts.addButton.disabled = true;
  const bridge = stage.bridge({ meeting: null, hostApp: 'outlook' });
  parts.sidePanel.replaceChildren();
  if (state.view === 'status' && state.form) {
    parts.title.replaceChildren('Status update', h('span', { class: 'muted' }, ' · Candor in Outlook'));
    parts.details.replaceChildren(
      stage.frame(bridge, 'content', `${stage.config.tabUrl}${state.form}`, '', 'Candor status form').iframe,
    );
    return bridge;
  }
  // Outlook's app bar opens the app's personal tabs; the page keeps Trends where no view names Home.
  framePersonalTab(stage, bridge, state.view === 'home' ? 'home' : 'trends', 'Candor in Outlook');
  return bridge;
}
