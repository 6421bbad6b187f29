import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '#shared/wire/health';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/health',
    { schema: { summary: 'Is the server up', tags: ['meta'], response: { 200: Health } } },
    async () => ({ ok: true as const }),
  );
};
