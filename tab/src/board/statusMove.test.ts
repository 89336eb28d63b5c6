import { textAfterMove } from './statusMove';

describe('textAfterMove', () => {
  it('empties the field when it holds only the moved words', () => {
    expect(textAfterMove('JIRA-1 done', 'JIRA-1 done')).toEqual({ text: '', removed: true });
  });

  it('keeps words typed while the move was on its way', () => {
    expect(textAfterMove('JIRA-1 done and I feel good', 'JIRA-1 done')).toEqual({
      text: ' and I feel good',
      removed: true,
    });
    expect(textAfterMove('Before\nJIRA-1 done\nAfter', 'JIRA-1 done')).toEqual({
      text: 'Before\nAfter',
      removed: true,
    });
  });

  it('removes nothing when the moved words were edited meanwhile', () => {
    expect(textAfterMove('JIRA-1 almost done', 'JIRA-1 done')).toEqual({ text: 'JIRA-1 almost done', removed: false });
  });
});
