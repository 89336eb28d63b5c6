/**
 * A small OData `$filter` evaluator for messages: enough to find a sent message again by the extended property the
 * sender stamped on it (`singleValueExtendedProperties/any(ep: ep/id eq '…' and ep/value eq '…')`) or by simple
 * comparisons (`internetMessageId eq '…'`, `sentDateTime ge 2026-11-26T00:00:00Z`), joined with `and`.
 * Graph refuses to filter on `internetMessageHeaders`; so does this.
 */
import type { SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';

export type MessagePredicate = (message: FilterableMessage) => boolean;

export interface FilterableMessage {
  properties: Record<string, unknown>;
  extendedProperties: SingleValueLegacyExtendedProperty[];
}

export class FilterError extends Error {}

type Token = { kind: 'string' | 'word' | 'punct'; text: string };

const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/i;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError('Unterminated string literal in $filter.');
        if (input[i] === "'" && input[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (input[i] === "'") {
          i++;
          break;
        } else {
          text += input[i];
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if ('():,'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else if (DATE_TIME_OFFSET.test(input.slice(i))) {
      // A DateTimeOffset literal is unquoted and has colons in it, which elsewhere separate a lambda's variable.
      const text = DATE_TIME_OFFSET.exec(input.slice(i))?.[0] ?? '';
      tokens.push({ kind: 'word', text });
      i += text.length;
    } else {
      const match = /^[^\s():,']+/.exec(input.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ kind: 'word', text });
      i += text.length;
    }
  }
  return tokens;
}

/** Extended property ids: `String {GUID} Name X` — the GUID compares case-insensitively, the name exactly. */
export function sameExtendedPropertyId(a: string, b: string): boolean {
  const norm = (id: string): string =>
    id
      .trim()
      .replace(
        /^(\w+)\s+(\{[^}]+\}|0x[0-9a-f]+)/i,
        (_, type: string, g: string) => `${type.toLowerCase()} ${g.toLowerCase()}`,
      );
  return norm(a) === norm(b);
}

/** The message's DateTimeOffset properties: compared only with unquoted DateTimeOffset literals, as in OData. */
const DATE_PROPERTIES = new Set(['sentdatetime', 'receiveddatetime', 'createddatetime', 'lastmodifieddatetime']);
const OPERATOR_KINDS: Record<string, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

const COMPARATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => String(a) > String(b),
  ge: (a, b) => String(a) >= String(b),
  lt: (a, b) => String(a) < String(b),
  le: (a, b) => String(a) <= String(b),
};

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): MessagePredicate {
    const predicate = this.conjunction();
    if (this.pos < this.tokens.length) throw new FilterError(`Unexpected '${this.tokens[this.pos]?.text}' in $filter.`);
    return predicate;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw new FilterError('Unexpected end of $filter.');
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text.toLowerCase() !== text)
      throw new FilterError(`Expected '${text}' in $filter, found '${token.text}'.`);
  }

  private conjunction(): MessagePredicate {
    const parts = [this.term()];
    while (this.peek()?.text.toLowerCase() === 'and') {
      this.next();
      parts.push(this.term());
    }
    return (m) => parts.every((p) => p(m));
  }

  private term(): MessagePredicate {
    const token = this.next();
    if (token.text === '(') {
      const inner = this.conjunction();
      this.expect(')');
      return inner;
    }
    const lambda = /^(\w+)\/any$/i.exec(token.text);
    if (lambda) return this.any(lambda[1] ?? '');
    if (/^internetMessageHeaders/i.test(token.text)) {
      throw new FilterError("The property 'internetMessageHeaders' does not support filtering.");
    }
    const op = this.next().text.toLowerCase();
    const compare = COMPARATORS[op];
    if (!compare) throw new FilterError(`Unsupported operator '${op}' in $filter.`);
    if (DATE_PROPERTIES.has(token.text.toLowerCase()) && this.peek()?.kind === 'string') {
      throw new FilterError(
        `A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind '${OPERATOR_KINDS[op] ?? op}'.`,
      );
    }
    const value = this.literal();
    const path = token.text.split('/');
    return (m) => {
      let current: unknown = m.properties;
      for (const key of path)
        current =
          typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
      return compare(current, value);
    };
  }

  /** `collection/any(x: x/id eq '…' and x/value eq '…')` over the message's extended properties. */
  private any(collection: string): MessagePredicate {
    if (/^internetMessageHeaders$/i.test(collection)) {
      throw new FilterError("The property 'internetMessageHeaders' does not support filtering.");
    }
    if (!/^singleValueExtendedProperties$/i.test(collection))
      throw new FilterError(`Cannot filter on '${collection}'.`);
    this.expect('(');
    const variable = this.next().text;
    this.expect(':');
    const conditions: Array<(ep: SingleValueLegacyExtendedProperty) => boolean> = [];
    for (;;) {
      const field = this.next().text;
      const [name, prop] = field.split('/');
      if (name !== variable || (prop !== 'id' && prop !== 'value'))
        throw new FilterError(`Unexpected '${field}' in $filter.`);
      this.expect('eq');
      const value = this.literal();
      conditions.push(
        prop === 'id' ? (ep) => sameExtendedPropertyId(ep.id ?? '', String(value)) : (ep) => ep.value === value,
      );
      if (this.peek()?.text.toLowerCase() !== 'and') break;
      this.next();
    }
    this.expect(')');
    return (m) => m.extendedProperties.some((ep) => conditions.every((c) => c(ep)));
  }

  private literal(): unknown {
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.text === 'true' || token.text === 'false') return token.text === 'true';
    if (token.text === 'null') return null;
    // DateTimeOffset literals are unquoted; Graph writes them back as `…Z`, so compare them normalised.
    if (/^\d{4}-\d{2}-\d{2}T/.test(token.text)) return new Date(token.text).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
    throw new FilterError(`Unsupported literal '${token.text}' in $filter.`);
  }
}

export function parseMessageFilter(filter: string): MessagePredicate {
  return new Parser(tokenize(filter)).parse();
}
