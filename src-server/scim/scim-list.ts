import { z } from 'zod';
import type { Projection } from './scim-attributes.ts';
import { checkProjection } from './scim-attributes.ts';
import { badRequest } from './scim-errors.ts';
import { parseFilter, type Comparison } from './scim-filter.ts';
import { LIST_SCHEMA, MAX_PAGE } from './scim-urns.ts';

/** A whole number written plainly ("10", not "1e1", "0x10" or "10.0"). */
const Whole = z.string().regex(/^\d{1,9}$/, 'Expected a whole number');

export const ListQuery = z.object({
  filter: z.string().optional(),
  startIndex: Whole.optional(),
  count: Whole.optional(),
  attributes: z.string().max(2000).optional(),
  excludedAttributes: z.string().max(2000).optional(),
});

export interface ListParams {
  filter: Comparison[];
  offset: number;
  limit: number;
  startIndex: number;
  projection: Projection;
}

/** Query keys in any case (`startindex`, `Count`), as attribute names are. */
function lowerKeys(query: unknown) {
  const out: Record<string, unknown> = {};
  const names = Object.keys(ListQuery.shape);
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const name = names.find((n) => n.toLowerCase() === k.toLowerCase());
    if (name) out[name] = v;
  }
  return out;
}

/** startIndex is 1-based and at least 1 (RFC 7644 §3.4.2.4); count 0 asks for totalResults only. */
export function readListQuery(query: unknown): ListParams {
  const parsed = ListQuery.safeParse(lowerKeys(query));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest('invalidValue', `${issue.path.join('.')}: ${issue.message}`);
  }
  const q = parsed.data;
  const projection = { attributes: q.attributes, excludedAttributes: q.excludedAttributes };
  checkProjection(projection);
  const startIndex = Math.max(1, Number(q.startIndex ?? 1));
  const limit = Math.min(MAX_PAGE, Number(q.count ?? 100));
  return {
    filter: q.filter === undefined || q.filter.trim() === '' ? [] : parseFilter(q.filter),
    offset: startIndex - 1,
    limit,
    startIndex,
    projection,
  };
}

export function listResponse(total: number, startIndex: number, resources: Record<string, unknown>[]) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

const describe = (c: Comparison) =>
  [c.path.schema ? `${c.path.schema}:` : '', c.path.attr, c.path.valueFilter ? '[…]' : '', c.path.sub ? `.${c.path.sub}` : ''].join('');

/** A filter on an attribute this resource cannot be filtered by. */
export function unsupportedFilter(c: Comparison, supported: string) {
  return badRequest('invalidFilter', `Filtering on ${describe(c)} is not supported; filter on ${supported}`);
}
