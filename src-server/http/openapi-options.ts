import type { SwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Person } from '#shared/domain/person';
import { ApiError } from '#shared/wire/auth';
import { Change } from '#shared/wire/sync';

/** Schemas named once in components and referenced from routes; a local registry keeps zod's global one clean. */
const components = z.registry<{ id: string }>();
components.add(Person, { id: 'Person' });
components.add(ApiError, { id: 'ApiError' });
components.add(Change, { id: 'Change' });

export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: { title: 'Kith API', version: '1.0.0', description: 'Org directory and sync for the Kith app.' },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  },
  transform: createJsonSchemaTransform({ schemaRegistry: components }),
  transformObject: createJsonSchemaTransformObject({ schemaRegistry: components }),
};
