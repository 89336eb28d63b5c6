import type { GoToExchange } from '@candor/contract';
import { Button, Caption1, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Session } from '../host/session';
import { useGoToStyles } from './styles';

const adopters = (n: number) => (n === 1 ? '1 person uses it' : `${n} people use it`);

/**
 * Go-to questions shared in the organization, most adopted first; one click adds one to the caller's own bank.
 * With the offered question, the manager can share it: with or without their name, chosen each time.
 */
export interface ExchangeProps {
  session: Session;
  /** The question the caller may share from here (never a report's ask), or null. */
  offered: string | null;
  /** Told after a question joined the caller's bank, so a view of the bank can read it again. */
  onAdopted?: () => void;
}

export function Exchange({ session, offered, onAdopted }: ExchangeProps) {
  const styles = useGoToStyles();
  const [exchange, setExchange] = useState<GoToExchange | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void session.api.getGoToExchange().then((result) => {
      if (live) setExchange(result.ok ? result.value : { shares: [] });
    });
    return () => {
      live = false;
    };
  }, [session]);

  if (!exchange) return <Spinner size="tiny" label="Loading shared questions…" />;

  const adopt = async (shareId: string) => {
    const result = await session.api.adoptGoToQuestion(shareId, { id: crypto.randomUUID() });
    if (!result.ok) return setNote(result.kind === 'http' ? result.message : 'Candor cannot be reached right now.');
    setExchange({ shares: exchange.shares.map((s) => (s.id === shareId ? result.value : s)) });
    setNote('Added to your go-to questions.');
    onAdopted?.();
  };

  const share = async (text: string, showName: boolean) => {
    const result = await session.api.shareGoToQuestion({ id: crypto.randomUUID(), text, showName });
    if (!result.ok) return setNote(result.kind === 'http' ? result.message : 'Candor cannot be reached right now.');
    setExchange({ shares: [...exchange.shares, result.value] });
    setNote(showName ? 'Shared with your name.' : 'Shared without your name.');
  };

  return (
    <div className={styles.root} role="region" aria-label="Questions from your organization">
      {offered && (
        <div className={styles.row} role="group" aria-label="Share this question with your organization">
          <Button size="small" onClick={() => void share(offered, true)}>
            Share with my name
          </Button>
          <Button size="small" onClick={() => void share(offered, false)}>
            Share without my name
          </Button>
        </div>
      )}
      {exchange.shares.length === 0 ? (
        <Caption1 className={styles.muted}>Nobody in your organization has shared a question yet.</Caption1>
      ) : (
        <ul className={styles.list}>
          {exchange.shares.map((s) => (
            <li key={s.id} className={styles.sharedItem}>
              <span>{s.text}</span>
              <Caption1 className={styles.muted}>
                {s.sharedBy ? `From ${s.sharedBy}. ` : ''}
                {adopters(s.adopters)}
              </Caption1>
              {!s.mine && (
                <Button
                  size="small"
                  disabled={s.adoptedByMe}
                  aria-label={`${s.adoptedByMe ? 'Adopted' : 'Adopt'}: ${s.text}`}
                  onClick={() => void adopt(s.id)}
                >
                  {s.adoptedByMe ? 'Adopted' : 'Adopt'}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite">
        {note && <Caption1>{note}</Caption1>}
      </div>
    </div>
  );
}
