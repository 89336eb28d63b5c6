import './styles.css';
import { h } from './dom';
import { loadHostConfig } from './hostApi';
import { HostPage } from './hostPage';

/** The host page's entry: its configuration from the local stack, then the page (hostPage.ts and its modes). */
async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  let config;
  try {
    config = await loadHostConfig();
  } catch (error) {
    root.replaceChildren(
      h('p', { class: 'fatal', role: 'alert' }, `Cannot load the host configuration: ${String(error)}`),
    );
    return;
  }
  if (config.users.length === 0) {
    root.replaceChildren(h('p', { class: 'fatal', role: 'alert' }, 'The host configuration has no users.'));
    return;
  }
  new HostPage(root, config).start();
}

void main();
