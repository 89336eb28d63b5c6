import { h } from './dom';
import type { PageState } from './hostPage.state';
import type { Stage } from './hostPage.stage';
import type { TeamsHostBridge } from './teamsBridge';

/**
 * The app's personal tabs as the manifest lists them (Home first, Trends second), each its static tab's contentUrl
 * (`?surface=home`, `?surface=trends`) in a full-width content frame with its entity id, no chat and no meeting in
 * its context: what Teams' left rail, Outlook's app bar and Microsoft 365's apps open.
 */
const PERSONAL = {
  home: { label: 'Home', entityId: 'candor-home', title: 'Candor Home' },
  trends: { label: 'Trends', entityId: 'candor-trends', title: 'Candor Trends' },
} as const;

export type PersonalView = keyof typeof PERSONAL;

/** The top bar's way to each personal tab (Teams' left rail): in a personal tab, the same button goes back. */
export function personalTabButtons(): { homeButton: HTMLButtonElement; trendsButton: HTMLButtonElement } {
  return {
    homeButton: h('button', { type: 'button', class: 'link-button', id: 'open-home' }, 'Home (personal tab)'),
    trendsButton: h('button', { type: 'button', class: 'link-button', id: 'open-trends' }, 'Trends (personal tab)'),
  };
}

export function wirePersonalTabButtons(
  stage: Pick<Stage, 'parts' | 'state'>,
  update: (patch: Partial<PageState>) => void,
): void {
  for (const target of ['home', 'trends'] as const) {
    stage.parts[`${target}Button`].addEventListener('click', () =>
      update(stage.state.view === target ? { view: 'meeting', report: null } : { view: target, report: null }),
    );
  }
}

/** The buttons' words for the view shown: the open personal tab's button leads back to the meeting. */
export function labelPersonalTabButtons(stage: Pick<Stage, 'parts'>, shown: PageState['view'] | null): void {
  for (const target of ['home', 'trends'] as const) {
    stage.parts[`${target}Button`].textContent =
      shown === target ? 'Back to the meeting' : `${PERSONAL[target].label} (personal tab)`;
  }
}

/** One personal tab in the wide pane, framed as `hostName` runs it (`where` names the host in the pane's title). */
export function framePersonalTab(stage: Stage, bridge: TeamsHostBridge, view: PersonalView, where: string): void {
  const { parts, state } = stage;
  const tab = PERSONAL[view];
  parts.title.replaceChildren(tab.label, h('span', { class: 'muted' }, ` · ${where}`));
  const extra = view === 'trends' && state.report ? { report: state.report } : undefined;
  parts.details.replaceChildren(
    stage.frame(bridge, 'content', stage.tabUrl(view, extra), tab.entityId, tab.title).iframe,
  );
}

/** Teams' personal tab, outside any meeting. */
export function mountPersonalTab(stage: Stage): TeamsHostBridge {
  const { parts, state } = stage;
  parts.main.classList.add('personal');
  parts.main.setAttribute('aria-label', 'Personal tab');
  const view: PersonalView = state.view === 'home' ? 'home' : 'trends';
  labelPersonalTabButtons(stage, view);
  parts.meetingSelect.disabled = true;
  parts.addButton.disabled = true;
  const bridge = stage.bridge({ meeting: null });
  framePersonalTab(stage, bridge, view, 'Candor personal tab');
  parts.sidePanel.replaceChildren();
  return bridge;
}
