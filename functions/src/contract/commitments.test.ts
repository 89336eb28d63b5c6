import { COMMITMENT_PREFILL, commitmentSaysSomething, createCommitmentRequestSchema } from './commitments';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('a commitment’s words', () => {
  it.each(['I will', COMMITMENT_PREFILL, 'I will…', '  i WILL  ', 'I will ...', 'I’ll', ''])(
    'refuses %j, naming the text field',
    (text) => {
      const parsed = createCommitmentRequestSchema.safeParse({ id: ID, text });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['text']);
      expect(parsed.error?.issues[0]?.message).toBe('must say what you will do, beyond “I will”');
      expect(commitmentSaysSomething(text)).toBe(false);
    },
  );

  it.each(['I will review your design doc by Friday', 'Book the training', 'I will ask Priya'])(
    'accepts %j',
    (text) => {
      expect(createCommitmentRequestSchema.safeParse({ id: ID, text }).success).toBe(true);
      expect(commitmentSaysSomething(text)).toBe(true);
    },
  );
});
