import { z } from 'zod';
import { findKey, type Shape } from './scim-attributes.ts';
import { badRequest, ScimError } from './scim-errors.ts';
import { parsePatchPath, splitAttrName, type AttrPath, type Comparison } from './scim-filter.ts';

/*
 * PATCH (RFC 7644 §3.5.2) applied to a resource as JSON: the result is then read like a PUT body, so a
 * PATCH obeys exactly the rules of a replace. Quirks of real directories accepted here:
 * - `op` in any case ("Replace", Entra ID);
 * - a no-path add/replace whose keys are paths: `name.givenName`, `urn:…:enterprise:2.0:User:department`,
 *   or the extension's URN holding an object;
 * - `remove` of a multi-valued attribute with a value: removes those values only (Entra ID's members form);
 * - `replace`/`add` through a value filter no element matches (`emails[type eq "work"].value`) adds one.
 * Attributes the schema does not have are ignored, as in a POST or PUT.
 */

const Operation = z.object({
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(['add', 'replace', 'remove'], { error: 'op is add, replace or remove' })),
  path: z.string().max(1000).optional(),
  value: z.unknown().optional(),
});
type Operation = z.infer<typeof Operation>;

const PatchRequest = z.object({ Operations: z.array(z.unknown()).min(1).max(1000) });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The operations of a PatchOp body; keys in any case. */
export function readOperations(body: unknown): Operation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'A PATCH body is a PatchOp object');
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const parsed = PatchRequest.safeParse({ Operations: key ? body[key] : undefined });
  if (!parsed.success) throw badRequest('invalidSyntax', 'A PatchOp has 1 to 1,000 Operations');
  return parsed.data.Operations.map((raw, i) => {
    const lowered = isObject(raw) ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v])) : raw;
    const op = Operation.safeParse(lowered);
    if (!op.success)
      throw badRequest('invalidSyntax', `Operations[${i}]: ${op.error.issues.map((x) => x.message).join('; ')}`);
    return op.data;
  });
}

/** Where a path lands: the key holding it (an extension's URN for its attributes) and the attribute there. */
interface Target {
  container: string[];
  attr: string;
  shape: Shape | null;
  path: AttrPath;
}

function locate(shape: Shape, coreSchema: string, path: AttrPath): Target | undefined {
  let container: string[] = [];
  let within = shape;
  if (path.schema && path.schema !== coreSchema.toLowerCase()) {
    const ext = findKey(shape, path.schema);
    const extShape = ext ? shape[ext] : undefined;
    if (!ext || !extShape) return undefined;
    container = [ext];
    within = extShape;
  }
  const attr = findKey(within, path.attr);
  if (!attr) return undefined;
  if (attr === 'id' || attr === 'meta' || attr === 'schemas')
    throw new ScimError(400, `${attr} cannot be changed`, 'mutability');
  return { container, attr, shape: within[attr] ?? null, path };
}

function matches(element: unknown, filter: Comparison[]): boolean {
  if (!isObject(element)) return false;
  return filter.every(({ path, value }) => {
    const key = Object.keys(element).find((k) => k.toLowerCase() === path.attr.toLowerCase());
    const actual = key === undefined ? undefined : element[key];
    if (typeof actual === 'string' && typeof value === 'string') return actual.toLowerCase() === value.toLowerCase();
    return actual === value;
  });
}

const sameValue = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && a.value !== undefined && String(a.value) === String(b.value);

function holder(doc: Json, container: string[]): Json {
  let at = doc;
  for (const key of container) {
    if (!isObject(at[key])) at[key] = {};
    at = at[key] as Json;
  }
  return at;
}

function apply(doc: Json, op: Operation['op'], t: Target, value: unknown) {
  const at = holder(doc, t.container);
  const current = at[t.attr];
  const sub = t.path.sub && t.shape ? findKey(t.shape, t.path.sub) : undefined;
  if (t.path.sub && !sub) return; // an unknown sub-attribute: ignored like an unknown attribute
  const filter = t.path.valueFilter;
  if (filter) {
    const list = Array.isArray(current) ? (current as unknown[]) : [];
    const hits = list.filter((e) => matches(e, filter));
    if (op === 'remove') {
      at[t.attr] = sub
        ? list.map((e) => (hits.includes(e) ? { ...(e as Json), [sub]: undefined } : e))
        : list.filter((e) => !hits.includes(e));
      return;
    }
    if (hits.length === 0) {
      // Entra ID replaces emails[type eq "work"].value on a user who has no work email yet: add that element.
      const seed = Object.fromEntries(filter.map((c) => [c.path.attr, c.value]));
      at[t.attr] = [...list, sub ? { ...seed, [sub]: value } : { ...seed, ...(isObject(value) ? value : {}) }];
      return;
    }
    at[t.attr] = list.map((e) =>
      hits.includes(e) ? (sub ? { ...(e as Json), [sub]: value } : { ...(e as Json), ...(isObject(value) ? value : {}) }) : e,
    );
    return;
  }
  if (sub) {
    const base = isObject(current) ? current : {};
    at[t.attr] = op === 'remove' ? { ...base, [sub]: undefined } : { ...base, [sub]: value };
    return;
  }
  const multi = Array.isArray(current) || (t.shape !== null && Array.isArray(value));
  if (op === 'remove') {
    // Entra ID: {op: "Remove", path: "members", value: [{value: id}]} removes those members only.
    if (multi && Array.isArray(value) && value.length > 0 && Array.isArray(current))
      at[t.attr] = current.filter((e) => !value.some((v) => sameValue(e, v)));
    else delete at[t.attr];
    return;
  }
  if (multi && op === 'add') {
    const list = Array.isArray(current) ? current : [];
    const added = (Array.isArray(value) ? value : [value]).filter((v) => !list.some((e) => sameValue(e, v)));
    at[t.attr] = [...list, ...added];
    return;
  }
  // A complex attribute takes the sub-attributes given and keeps the others (§3.5.2.1, §3.5.2.3).
  at[t.attr] = !multi && t.shape && isObject(value) && isObject(current) ? { ...current, ...value } : value;
}

/** A no-path add/replace: each key is itself a path (dotted, URN-qualified, or an extension's object). */
function applyObject(doc: Json, op: Operation['op'], value: unknown, shape: Shape, coreSchema: string) {
  if (!isObject(value)) throw badRequest('invalidValue', 'An add or replace without a path takes an object');
  for (const [key, v] of Object.entries(value)) {
    // Okta repeats the id (and some clients schemas) in a replace object: read-only, so not a change.
    if (['id', 'schemas', 'meta'].includes(key.toLowerCase())) continue;
    const ext = findKey(shape, key);
    if (ext && ext.startsWith('urn:') && isObject(v)) {
      for (const [k, inner] of Object.entries(v)) applyPath(doc, op, `${ext}:${k}`, inner, shape, coreSchema);
    } else applyPath(doc, op, key, v, shape, coreSchema);
  }
}

function applyPath(doc: Json, op: Operation['op'], path: string, value: unknown, shape: Shape, coreSchema: string) {
  const target = locate(shape, coreSchema, splitAttrName(path, 'invalidPath'));
  if (target) apply(doc, op, target, value);
}

/** The resource after the operations, in order; throws before anything is written. */
export function applyPatch(resource: Json, operations: Operation[], shape: Shape, coreSchema: string): Json {
  const doc = structuredClone(resource);
  for (const op of operations) {
    if (op.path === undefined || op.path.trim() === '') {
      if (op.op === 'remove') throw badRequest('noTarget', 'A remove operation needs a path');
      applyObject(doc, op.op, op.value, shape, coreSchema);
      continue;
    }
    if (op.op !== 'remove' && op.value === undefined)
      throw badRequest('invalidValue', `The ${op.op} of "${op.path}" has no value`);
    const target = locate(shape, coreSchema, parsePatchPath(op.path));
    if (target) apply(doc, op.op, target, op.value);
  }
  return doc;
}
