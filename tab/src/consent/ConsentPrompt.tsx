import { Button, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { Notice } from '../ui/Notice';
import { readMeta } from '../host/pageConfig';
import type { HostContext } from '../host/context';
import { authenticateInPopup } from '../host/teamsHost';
import { consentRoute } from './consentFlow';

/**
 * auth-start.html beside the tab. A local build may name another base (the local stack serves the pop-up's pages
 * over https on another port: teams-js opens only https pop-ups); a production build always uses its own origin.
 */
function authStartUrl(): string {
  const base = import.meta.env.MODE === 'localdev' ? readMeta('candor-auth-page-base') : '';
  return new URL('auth-start.html', base ? `${base.replace(/\/+$/, '')}/` : document.baseURI).href;
}

/** Entra ID's consent page fits this; Teams centres the window. */
const POPUP_SIZE = { width: 600, height: 600 };

type Step = { kind: 'ask' } | { kind: 'waiting' } | { kind: 'cancelled' } | { kind: 'failed'; reason: string };

/**
 * "Candor needs your permission once": shown when Teams SSO or the API's On-Behalf-Of says consent is missing.
 * The pop-up opens only from the button (hosts block pop-ups without a click). In the desktop meeting side panel,
 * where Teams cannot open it, the person is told where to finish instead. Its own chunk: most people never see it.
 */
export default function ConsentPrompt({
  host,
  onConsented,
}: {
  host: Pick<HostContext, 'frameContext' | 'clientType'>;
  onConsented: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'ask' });

  if (consentRoute(host) === 'elsewhere') {
    return (
      <Notice
        title="Candor needs your permission once"
        action={
          <Button appearance="primary" onClick={onConsented}>
            I’ve given permission
          </Button>
        }
      >
        Teams can’t open the permission window from a meeting’s side panel on the desktop app. Open Candor’s Trends tab
        in Teams (or Teams on the web), give permission there once, then come back here.
      </Notice>
    );
  }

  const ask = (): void => {
    setStep({ kind: 'waiting' });
    authenticateInPopup(authStartUrl(), POPUP_SIZE).then(
      () => onConsented(),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        setStep(/CancelledByUser/i.test(reason) ? { kind: 'cancelled' } : { kind: 'failed', reason });
      },
    );
  };

  const button =
    step.kind === 'waiting' ? (
      <Spinner size="tiny" label="Waiting for the permission window…" />
    ) : (
      <Button appearance="primary" onClick={ask}>
        {step.kind === 'ask' ? 'Give permission' : 'Try again'}
      </Button>
    );
  return (
    <Notice title="Candor needs your permission once" action={button}>
      {step.kind === 'cancelled'
        ? 'The permission window closed before you accepted. Candor can’t show your 1:1 without it.'
        : step.kind === 'failed'
          ? `The permission window didn’t finish (${step.reason}). You can try again.`
          : 'To find this 1:1 on your calendar, Candor needs your permission to read your calendar. A Microsoft window opens where you can accept; it only asks once.'}
    </Notice>
  );
}
