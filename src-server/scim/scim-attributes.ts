import { badRequest } from './scim-errors.ts';
import { splitAttrName } from './scim-filter.ts';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './scim-urns.ts';

/*
 * Attribute names are case-insensitive (RFC 7643 §2.1). A request's keys are turned into the schema's own
 * spelling here, unknown ones dropped; `attributes` / `excludedAttributes` pick from an answer by the same
 * rules.
 */

/** The attributes of a resource: a name maps to its sub-attributes, or to null for a simple one. */
export type Shape = { readonly [name: string]: Shape | null };

const TYPED: Shape = { value: null, display: null, type: null, primary: null };

export const USER_SHAPE: Shape = {
  schemas: null,
  id: null,
  externalId: null,
  meta: null,
  userName: null,
  name: {
    formatted: null,
    familyName: null,
    givenName: null,
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
  },
  displayName: null,
  nickName: null,
  profileUrl: null,
  title: null,
  userType: null,
  preferredLanguage: null,
  locale: null,
  timezone: null,
  active: null,
  emails: TYPED,
  phoneNumbers: TYPED,
  addresses: {
    formatted: null,
    streetAddress: null,
    locality: null,
    region: null,
    postalCode: null,
    country: null,
    type: null,
    primary: null,
  },
  [ENTERPRISE_SCHEMA]: {
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    manager: { value: null, $ref: null, displayName: null },
  },
};

export const GROUP_SHAPE: Shape = {
  schemas: null,
  id: null,
  externalId: null,
  meta: null,
  displayName: null,
  members: { value: null, $ref: null, display: null, type: null },
};

/** Always in an answer, whatever `attributes` asks (RFC 7643 §7 "returned: always"). */
const ALWAYS = new Set(['schemas', 'id']);

export function findKey(shape: Shape, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(shape).find((k) => k.toLowerCase() === lower);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object with the schema's spelling of every known key; unknown keys (and readOnly meta) dropped. */
export function canonicalize(value: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const canonical = findKey(shape, key);
    if (!canonical || canonical === 'meta') continue;
    const sub = shape[canonical];
    if (sub && isObject(v)) out[canonical] = canonicalize(v, sub);
    else if (sub && Array.isArray(v)) out[canonical] = v.map((item) => (isObject(item) ? canonicalize(item, sub) : item));
    else out[canonical] = v;
  }
  return out;
}

/** Where an `attributes` entry points: a top-level key (the extension's URN for its attributes) and a sub. */
function resolve(shape: Shape, text: string, coreSchema: string): [string, string | undefined] | undefined {
  const path = splitAttrName(text, 'invalidValue');
  let top = shape;
  let prefix: string | undefined;
  if (path.schema && path.schema !== coreSchema.toLowerCase()) {
    prefix = findKey(shape, path.schema);
    const ext = prefix && shape[prefix];
    if (!ext) return undefined;
    top = ext;
  }
  const attr = findKey(top, path.attr);
  if (!attr) return undefined;
  const subShape = top[attr];
  const sub = path.sub && subShape ? findKey(subShape, path.sub) : undefined;
  if (path.sub && !sub) return undefined;
  return prefix ? [prefix, sub ? `${attr}.${sub}` : attr] : [attr, sub];
}

function parseList(list: string, shape: Shape, coreSchema: string) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => resolve(shape, s, coreSchema))
    .filter((p) => p !== undefined);
}

type Json = Record<string, unknown>;

/** Copies the value at `keys` from `src` into `dst`, through arrays (emails.value: each email's value). */
function copyPath(src: Json, dst: Json, keys: string[]) {
  const [key, ...rest] = keys as [string, ...string[]];
  const value = src[key];
  if (value === undefined) return;
  if (rest.length === 0) dst[key] = value;
  else if (Array.isArray(value)) {
    const existing = Array.isArray(dst[key]) ? (dst[key] as Json[]) : [];
    dst[key] = value.map((item, i) => {
      const target = existing[i] ?? {};
      if (isObject(item)) copyPath(item, target, rest);
      return target;
    });
  } else if (isObject(value)) {
    const target = isObject(dst[key]) ? dst[key] : {};
    copyPath(value, target, rest);
    dst[key] = target;
  }
}

function dropPath(obj: Json, keys: string[]) {
  const [key, ...rest] = keys as [string, ...string[]];
  if (rest.length === 0) {
    delete obj[key];
    return;
  }
  const value = obj[key];
  for (const item of Array.isArray(value) ? value : [value]) if (isObject(item)) dropPath(item, rest);
}

export interface Projection {
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

/** The resource with only the attributes asked for, or without those excluded (RFC 7644 §3.4.2.5). */
export function project(resource: Json, kind: 'User' | 'Group', p: Projection): Json {
  const shape = kind === 'User' ? USER_SHAPE : GROUP_SHAPE;
  const core = kind === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  const paths = (list: string) => parseList(list, shape, core).map(([top, sub]) => [top, ...(sub ? sub.split('.') : [])]);
  if (p.attributes) {
    const out: Json = {};
    for (const key of ALWAYS) out[key] = resource[key];
    for (const keys of paths(p.attributes)) copyPath(resource, out, keys);
    return out;
  }
  if (p.excludedAttributes) {
    const out = structuredClone(resource);
    for (const keys of paths(p.excludedAttributes)) if (!ALWAYS.has(keys[0]!)) dropPath(out, keys);
    return out;
  }
  return resource;
}

/** Throws invalidValue when both are given (RFC 7644 lets a client send one of them). */
export function checkProjection(p: Projection) {
  if (p.attributes && p.excludedAttributes)
    throw badRequest('invalidValue', 'Send attributes or excludedAttributes, not both');
}
