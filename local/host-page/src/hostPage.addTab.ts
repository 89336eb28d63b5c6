import { h } from './dom';
import type { HostFrame, TeamsHostBridge } from './teamsBridge';
import type { SettingsEvent, TabSettings } from './teamsBridge.settings';
import type { HostMeeting } from './config';

/**
 * Teams' "add a tab" dialog: the tab's configuration page (frameContext `settings`) and Teams' own Save button. What
 * the page saves goes to `onSaved`; the meeting frames then open its one contentUrl.
 */
export class AddTabDialog {
  readonly element = h('dialog', { class: 'config-dialog', 'aria-labelledby': 'config-dialog-title' });
  private readonly title = h('h2', { class: 'pane-title', id: 'config-dialog-title' });
  private readonly slot = h('div', { class: 'frame-slot config-slot' });
  private readonly status = h('p', { class: 'muted config-status', role: 'status' });
  private readonly saveButton = h(
    'button',
    { type: 'button', class: 'primary-button', id: 'config-save', disabled: true },
    'Save',
  );
  private current: { frame: HostFrame; bridge: TeamsHostBridge } | null = null;

  constructor(private readonly onSaved: (settings: TabSettings) => void) {
    const cancel = h('button', { type: 'button', class: 'link-button' }, 'Cancel');
    cancel.addEventListener('click', () => this.element.close());
    this.saveButton.addEventListener('click', () => {
      if (!this.current) return;
      this.saveButton.disabled = true;
      this.status.textContent = 'Saving…';
      this.current.bridge.save(this.current.frame);
    });
    // Escape and Cancel both close it; the configuration page goes with it, as in Teams.
    this.element.addEventListener('close', () => this.closed());
    this.element.append(
      this.title,
      this.slot,
      h('div', { class: 'dialog-actions' }, this.status, cancel, this.saveButton),
    );
  }

  /**
   * Mounts the tab's configuration page (the manifest's configurationUrl) as Teams does when adding the tab.
   * `frame` makes the page's iframe; Teams opens the configurationUrl as is, which names `?surface=config`.
   */
  open(
    meeting: HostMeeting | undefined,
    bridge: TeamsHostBridge | null,
    frame: (bridge: TeamsHostBridge) => HostFrame,
  ): void {
    if (!meeting || !bridge || this.element.open) return;
    this.title.replaceChildren(`Add Candor to ${meeting.subject}`);
    const configFrame = frame(bridge);
    configFrame.iframe.classList.add('config-frame');
    this.current = { frame: configFrame, bridge };
    this.saveButton.disabled = true; // until the page reports settings.setValidityState(true)
    this.status.textContent = 'Waiting for Candor…';
    this.slot.replaceChildren(configFrame.iframe);
    this.element.showModal();
  }

  /** The bridge's settings events; only the configuration frame open here is listened to. */
  onSettings(frame: HostFrame, event: SettingsEvent): void {
    if (frame !== this.current?.frame) return;
    switch (event.kind) {
      case 'validity':
        this.saveButton.disabled = !event.valid;
        this.status.textContent = event.valid ? 'Ready to add.' : 'Candor is not ready yet.';
        return;
      case 'saved':
        this.element.close();
        this.onSaved(event.settings);
        return;
      case 'failed':
        this.saveButton.disabled = false;
        this.status.textContent = `Not added: ${event.reason}`;
    }
  }

  private closed(): void {
    if (this.current) this.current.bridge.unregister(this.current.frame);
    this.current = null;
    this.slot.replaceChildren();
  }
}
