import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, MAX_PAGE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SPC_SCHEMA, USER_SCHEMA } from './scim-urns.ts';

/*
 * The discovery documents of RFC 7644 §4: what this server supports, its resource types and the attributes of
 * each schema. Only attributes listed here are kept from a request; others are ignored (RFC 7644 §3.3 lets a
 * service provider do so), so an IdP's extra mappings never fail a provisioning cycle.
 */

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  returned?: 'always' | 'default' | 'never';
  uniqueness?: 'none' | 'server';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
  description?: string;
};

function attribute(a: Attribute): Record<string, unknown> {
  return {
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...a,
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const str = (name: string, extra: Partial<Attribute> = {}): Attribute => ({ name, type: 'string', ...extra });
const multi = (name: string, subs: Attribute[]): Attribute => ({
  name,
  type: 'complex',
  multiValued: true,
  subAttributes: subs,
});
const typedValue = [str('value'), str('display'), str('type'), { name: 'primary', type: 'boolean' } as Attribute];

const USER_ATTRIBUTES: Attribute[] = [
  str('userName', { required: true, uniqueness: 'server', description: 'Unique; compared without case.' }),
  {
    name: 'name',
    type: 'complex',
    subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map(
      (n) => str(n),
    ),
  },
  str('displayName', { description: "The person's name in Kith (else name.formatted, else given + family)." }),
  str('nickName'),
  str('profileUrl'),
  str('title'),
  str('userType'),
  str('preferredLanguage'),
  str('locale'),
  str('timezone'),
  { name: 'active', type: 'boolean', description: 'false deactivates: the person shows inactive, signed out.' },
  multi('emails', typedValue),
  multi('phoneNumbers', typedValue),
  multi('addresses', [
    ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'].map((n) => str(n)),
    { name: 'primary', type: 'boolean' },
  ]),
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  str('employeeNumber', { uniqueness: 'server' }),
  str('costCenter'),
  str('organization'),
  str('division'),
  str('department'),
  {
    name: 'manager',
    type: 'complex',
    subAttributes: [
      { name: 'value', type: 'string', description: "The manager's SCIM id (or externalId); may arrive later." },
      { name: '$ref', type: 'reference', referenceTypes: ['User'] },
      { name: 'displayName', type: 'string', mutability: 'readOnly' },
    ],
  },
];

const GROUP_ATTRIBUTES: Attribute[] = [
  str('displayName', { required: true, uniqueness: 'server' }),
  multi('members', [
    { name: 'value', type: 'string', mutability: 'immutable' },
    { name: '$ref', type: 'reference', referenceTypes: ['User'], mutability: 'immutable' },
    { name: 'display', type: 'string', mutability: 'readOnly' },
    { name: 'type', type: 'string', mutability: 'immutable' },
  ]),
];

function schema(id: string, name: string, description: string, attributes: Attribute[], base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes: attributes.map(attribute),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  };
}

export function schemaDocuments(base: string) {
  return [
    schema(USER_SCHEMA, 'User', 'An employee: a person in Kith', USER_ATTRIBUTES, base),
    schema(ENTERPRISE_SCHEMA, 'EnterpriseUser', 'Department, employee number, manager', ENTERPRISE_ATTRIBUTES, base),
    schema(GROUP_SCHEMA, 'Group', 'A team whose membership the directory manages', GROUP_ATTRIBUTES, base),
  ];
}

export function resourceTypeDocuments(base: string) {
  const type = (name: string, endpoint: string, schemaUrn: string, extensions: object[]) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: name,
    name,
    endpoint,
    schema: schemaUrn,
    schemaExtensions: extensions,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${name}` },
  });
  return [
    type('User', '/Users', USER_SCHEMA, [{ schema: ENTERPRISE_SCHEMA, required: false }]),
    type('Group', '/Groups', GROUP_SCHEMA, []),
  ];
}

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: 'https://github.com/kith/kith#provisioning-with-scim',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Provisioning token',
        description: 'Authorization: Bearer kith_scim_…, created with `npm run server -- tokens create --scim`',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}
