import type { GoToLibrary } from '@candor/contract';
import { Button, Caption1, Input, Spinner, ToggleButton } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { Session } from '../host/session';
import { useGoToStyles } from './styles';

export interface LibraryPickerProps {
  session: Session;
  /** Adds the library question; answers an error message, or null when it was added. */
  onPick: (libraryId: string) => Promise<string | null>;
  /** Library ids already in the bank. */
  taken: ReadonlySet<string>;
  onClose: () => void;
}

/**
 * Candor's starter questions, grouped by theme: filter by theme or by words, add one with a click (or Enter).
 * Loaded only when opened, so none of it is in the board's first download.
 */
export function LibraryPicker({ session, onPick, taken, onClose }: LibraryPickerProps) {
  const styles = useGoToStyles();
  const searchId = useId();
  const [library, setLibrary] = useState<GoToLibrary | null>(null);
  const [failed, setFailed] = useState(false);
  const [theme, setTheme] = useState<string | null>(null);
  const [words, setWords] = useState('');
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void session.api.getGoToLibrary().then((result) => {
      if (!live) return;
      if (result.ok) setLibrary(result.value);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [session]);

  if (failed) return <Caption1 role="alert">The library could not be loaded. Try again in a moment.</Caption1>;
  if (!library) return <Spinner size="tiny" label="Loading the library…" />;

  const needle = words.trim().toLowerCase();
  const themes = library.themes
    .filter((t) => theme === null || t.id === theme)
    .map((t) => ({ ...t, questions: t.questions.filter((q) => q.text.toLowerCase().includes(needle)) }))
    .filter((t) => t.questions.length > 0);

  const pick = async (id: string) => {
    setMessage(null);
    const error = await onPick(id);
    if (error) setMessage(error);
    else setAdded(new Set([...added, id]));
  };

  return (
    <div className={styles.root} role="region" aria-label="Question library">
      <div className={styles.themes} role="group" aria-label="Themes">
        <ToggleButton size="small" checked={theme === null} onClick={() => setTheme(null)}>
          All
        </ToggleButton>
        {library.themes.map((t) => (
          <ToggleButton key={t.id} size="small" checked={theme === t.id} onClick={() => setTheme(t.id)}>
            {t.label}
          </ToggleButton>
        ))}
      </div>
      <label htmlFor={searchId} className={styles.heading}>
        Search the library
      </label>
      <Input id={searchId} type="search" value={words} onChange={(_e, data) => setWords(data.value)} />
      {themes.length === 0 && <Caption1 className={styles.muted}>No question matches.</Caption1>}
      {themes.map((t) => (
        <section key={t.id} aria-label={t.label}>
          <h4 className={styles.heading}>{t.label}</h4>
          <ul className={styles.list}>
            {t.questions.map((q) => {
              const has = taken.has(q.id) || added.has(q.id);
              return (
                <li key={q.id} className={styles.item}>
                  <span className={styles.text}>{q.text}</span>
                  <Button
                    size="small"
                    disabled={has}
                    aria-label={`${has ? 'Added' : 'Add'}: ${q.text}`}
                    onClick={() => void pick(q.id)}
                  >
                    {has ? 'Added' : 'Add'}
                  </Button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {message && <Caption1 role="alert">{message}</Caption1>}
      <Button size="small" onClick={onClose}>
        Done
      </Button>
    </div>
  );
}
