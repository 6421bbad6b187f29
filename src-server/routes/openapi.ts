import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The OpenAPI document @fastify/swagger builds from every route's zod schemas. */
export const openApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
