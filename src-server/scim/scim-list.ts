import { z } from 'zod';
import { queryInt } from '#shared/wire/query-int';
import type { Projection } from './scim-attributes.ts';
import { checkProjection } from './scim-attributes.ts';
import { badRequest } from './scim-errors.ts';
import { parseFilter, type Comparison } from './scim-filter.ts';
import { LIST_SCHEMA, MAX_PAGE } from './scim-urns.ts';

export const ListQuery = z.object({
  filter: z.string().optional(),
  // Kith's one strict whole-number parser: no sign, exponent, hex, decimals or leading zero.
  startIndex: queryInt().optional(),
  count: queryInt().optional(),
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

function fail(error: z.ZodError): never {
  const issues = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw badRequest('invalidValue', issues.join('; '));
}

/** attributes / excludedAttributes of a single-resource request (keys in any case; not both). */
export function readProjection(query: unknown): Projection {
  const parsed = ListQuery.pick({ attributes: true, excludedAttributes: true }).safeParse(lowerKeys(query));
  if (!parsed.success) fail(parsed.error);
  const projection = {
    attributes: parsed.data.attributes,
    excludedAttributes: parsed.data.excludedAttributes,
  };
  checkProjection(projection);
  return projection;
}

/** startIndex is 1-based and at least 1 (RFC 7644 §3.4.2.4); count 0 asks for totalResults only. */
export function readListQuery(query: unknown): ListParams {
  const parsed = ListQuery.safeParse(lowerKeys(query));
  if (!parsed.success) fail(parsed.error);
  const q = parsed.data;
  const projection = readProjection(query);
  const startIndex = Math.max(1, q.startIndex ?? 1);
  const limit = Math.min(MAX_PAGE, q.count ?? 100);
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
  [
    c.path.schema ? `${c.path.schema}:` : '',
    c.path.attr,
    c.path.valueFilter ? '[…]' : '',
    c.path.sub ? `.${c.path.sub}` : '',
  ].join('');

/** A filter on an attribute this resource cannot be filtered by. */
export function unsupportedFilter(c: Comparison, supported: string) {
  return badRequest('invalidFilter', `Filtering on ${describe(c)} is not supported; filter on ${supported}`);
}
