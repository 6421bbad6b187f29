import { badRequest, type ScimType } from './scim-errors.ts';

/*
 * The SCIM filter grammar of RFC 7644 §3.4.2.2, the part a directory sends: comparisons joined by `and`, on an
 * attribute path that may carry a value filter (`emails[type eq "work"].value`). Everything else parses to a
 * clear invalidFilter; PATCH paths (§3.5.2) share the attribute-path part.
 */

export type FilterValue = string | number | boolean | null;

export interface AttrPath {
  /** The schema URN when the path names one (lower case), else undefined. */
  schema?: string | undefined;
  /** The attribute, as written (compare without case). */
  attr: string;
  /** A value filter on a multi-valued attribute: `emails[type eq "work"]`. */
  valueFilter?: Comparison[] | undefined;
  /** The sub-attribute, as written: `name.givenName`, `emails[…].value`. */
  sub?: string | undefined;
}

export interface Comparison {
  path: AttrPath;
  op: 'eq';
  value: FilterValue;
}

/** A filter: every comparison must hold. */
export type Filter = Comparison[];

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: string };

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);

function tokenize(input: string, scimType: ScimType): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('[]()'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === '"') {
      // A JSON string: its escapes as JSON has them.
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw badRequest(scimType, `Unterminated string in "${input}"`);
      try {
        tokens.push({ kind: 'string', text: JSON.parse(input.slice(i, j + 1)) as string });
      } catch {
        throw badRequest(scimType, `Bad escape in a string of "${input}"`);
      }
      i = j + 1;
    } else {
      const match = /^[^\s[\]()"]+/.exec(input.slice(i))!;
      // `emails[type eq "work"].value`: the `.value` after `]` is its own word, starting with a dot.
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Splits `urn:…:User:name.givenName` into its schema, attribute and sub-attribute. */
export function splitAttrName(text: string, scimType: ScimType): AttrPath {
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    schema = text.slice(0, colon).toLowerCase();
    rest = text.slice(colon + 1);
    // A path that is the extension itself (`urn:…:enterprise:2.0:User`) names the whole extension.
    if (/^\d/.test(rest) || rest === '') throw badRequest(scimType, `"${text}" names no attribute`);
  }
  const [attr, sub, extra] = rest.split('.');
  const name = /^[A-Za-z$][\w$-]*$/;
  if (!attr || !name.test(attr) || extra !== undefined || (sub !== undefined && !name.test(sub)))
    throw badRequest(scimType, `"${text}" is not an attribute path`);
  return { schema, attr, sub };
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly scimType: ScimType,
  ) {}

  fail(why: string): never {
    throw badRequest(this.scimType, `${why} in "${this.source}"`);
  }

  peek() {
    return this.tokens[this.at];
  }

  next() {
    const token = this.tokens[this.at++];
    if (!token) this.fail('Unexpected end');
    return token;
  }

  done() {
    return this.at >= this.tokens.length;
  }

  /** attrPath [ "[" filter "]" ] [ ".sub" ] */
  path(): AttrPath {
    const token = this.next();
    if (token.kind !== 'word') this.fail(`Expected an attribute, found "${token.text}"`);
    const path = splitAttrName(token.text, this.scimType);
    const open = this.peek();
    if (open?.kind === 'punct' && open.text === '[') {
      if (path.sub) this.fail('A value filter follows the attribute, not its sub-attribute');
      this.next();
      path.valueFilter = this.comparisons(true);
      const close = this.next();
      if (close.text !== ']') this.fail('Expected "]"');
      const after = this.peek();
      if (after?.kind === 'word' && after.text.startsWith('.')) {
        this.next();
        const sub = after.text.slice(1);
        if (!/^[A-Za-z$][\w$-]*$/.test(sub)) this.fail(`"${after.text}" is not a sub-attribute`);
        path.sub = sub;
      }
    }
    return path;
  }

  comparison(nested: boolean): Comparison {
    const path = this.path();
    const opToken = this.next();
    const op = opToken.text.toLowerCase();
    if (opToken.kind !== 'word' || !OPERATORS.has(op)) this.fail(`Expected an operator, found "${opToken.text}"`);
    if (op !== 'eq') this.fail(`The operator "${opToken.text}" is not supported (only eq and and)`);
    const valueToken = this.next();
    let value: FilterValue;
    if (valueToken.kind === 'string') value = valueToken.text;
    else if (valueToken.kind === 'word' && /^(true|false|null)$/i.test(valueToken.text)) {
      const word = valueToken.text.toLowerCase();
      value = word === 'null' ? null : word === 'true';
    } else if (valueToken.kind === 'word' && /^-?\d+(\.\d+)?$/.test(valueToken.text)) value = Number(valueToken.text);
    else this.fail(`Expected a value, found "${valueToken.text}"`);
    if (nested && path.valueFilter) this.fail('A value filter cannot nest');
    return { path, op: 'eq', value };
  }

  comparisons(nested: boolean): Comparison[] {
    const all = [this.comparison(nested)];
    for (;;) {
      const token = this.peek();
      if (!token || token.kind !== 'word') return all;
      const word = token.text.toLowerCase();
      if (word === 'and') {
        this.next();
        all.push(this.comparison(nested));
      } else if (word === 'or' || word === 'not') this.fail(`"${token.text}" is not supported (only eq and and)`);
      else return all;
    }
  }
}

export function parseFilter(source: string): Filter {
  if (source.length > 1000) throw badRequest('invalidFilter', 'A filter has at most 1,000 characters');
  const tokens = tokenize(source, 'invalidFilter');
  if (tokens.some((t) => t.kind === 'punct' && (t.text === '(' || t.text === ')')))
    throw badRequest('invalidFilter', `Grouping with parentheses is not supported in "${source}"`);
  const parser = new Parser(tokens, source, 'invalidFilter');
  const filter = parser.comparisons(false);
  if (!parser.done()) parser.fail('Unexpected text after the filter');
  return filter;
}

/** A PATCH operation's path (RFC 7644 §3.5.2): an attribute path, a value filter allowed. */
export function parsePatchPath(source: string): AttrPath {
  const parser = new Parser(tokenize(source, 'invalidPath'), source, 'invalidPath');
  const path = parser.path();
  if (!parser.done()) parser.fail('Unexpected text after the path');
  return path;
}
