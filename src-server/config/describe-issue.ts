import type { z } from 'zod';

/**
 * A zod issue as the end of a one-line message ("oidc.issuer: must be an http(s) URL"): what is wrong.
 * `given`: whether the input has a value at the issue's path (zod's issues do not carry the input).
 */
export function describeIssue(issue: z.core.$ZodIssue, given: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return given ? `must be ${article(issue.expected)}` : 'is required';
    case 'invalid_format':
      return issue.format === 'url' ? 'must be an http(s) URL' : `must be ${article(issue.format)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must have at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must have at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'unknown key';
    default:
      return issue.message;
  }
}

function article(what: string): string {
  if (what === 'int') return 'a whole number';
  return /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`;
}
