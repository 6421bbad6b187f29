import { z } from 'zod';
import { Person } from '../domain/person.ts';

export const Me = z.object({ person: Person });
export type Me = z.infer<typeof Me>;

/** POST /v1/demo/sessions: only a server started with a demo org answers it. */
export const DemoSessionInput = z.strictObject({ email: z.email().optional() });
export const DemoSession = z.object({ token: z.string(), person: Person });
export type DemoSession = z.infer<typeof DemoSession>;

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
