import type { MonthTrend, OpenBlocker, OpenCommitment } from '@candor/contract';
import { OUTCOME_LABELS, ageText, dayLabel, meetingAnchor, meetingRows } from './trendFormat';
import { useTrendStyles } from './styles';

/** The detail view's plain tables: every 1:1 behind the months, open commitments, open blockers. */

export function MeetingsTable({ months, target }: { months: readonly MonthTrend[]; target: string | null }) {
  const styles = useTrendStyles();
  const rows = meetingRows(months);
  if (rows.length === 0) return null;
  return (
    <div className={styles.tableWrap} tabIndex={0}>
      <table className={styles.table}>
        <caption>The 1:1s behind these months, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            // A signal's link lands here: the row can take the focus, so keyboard and screen-reader users land too.
            <tr
              key={row.occurrenceId}
              id={meetingAnchor(row.occurrenceId)}
              tabIndex={-1}
              className={target === row.occurrenceId ? styles.targetRow : undefined}
            >
              <th scope="row">{dayLabel(row.start)}</th>
              <td>{OUTCOME_LABELS[row.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CommitmentsTable({ commitments }: { commitments: readonly OpenCommitment[] }) {
  const styles = useTrendStyles();
  if (commitments.length === 0) return <p>No open commitments.</p>;
  return (
    <div className={styles.tableWrap} tabIndex={0}>
      <table className={styles.table}>
        <caption>Open commitments</caption>
        <thead>
          <tr>
            <th scope="col">Commitment</th>
            <th scope="col">Made</th>
            <th scope="col">Open for</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {commitments.map((c) => (
            <tr key={c.id}>
              {/* Text people typed: React renders it as text, never as markup. */}
              <th scope="row" className={styles.wrapCell}>
                {c.text}
              </th>
              <td>{dayLabel(c.createdAt)}</td>
              <td>{ageText(c.ageDays)}</td>
              <td>
                {c.dueDate ? `${c.dueDate}${c.overdue ? ' (past due)' : ''}` : c.overdue ? 'Past due' : 'No date'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BlockersTable({ blockers }: { blockers: readonly OpenBlocker[] }) {
  const styles = useTrendStyles();
  if (blockers.length === 0) return <p>No open blockers.</p>;
  return (
    <div className={styles.tableWrap} tabIndex={0}>
      <table className={styles.table}>
        <caption>Blockers named in a recap and not yet marked resolved</caption>
        <thead>
          <tr>
            <th scope="col">Named on</th>
            <th scope="col">Open for</th>
            <th scope="col">Past the review time</th>
          </tr>
        </thead>
        <tbody>
          {blockers.map((b) => (
            <tr key={b.occurrenceId}>
              <th scope="row">{dayLabel(b.namedAt)}</th>
              <td>{ageText(b.ageDays)}</td>
              <td>{b.overdue ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
