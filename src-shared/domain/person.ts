import { z } from 'zod';

/** A colleague as the server publishes it: org data, visible to every signed-in employee. */
export const Person = z.object({
  id: z.string().min(1).max(64),
  email: z.email().max(254),
  name: z.string().min(1).max(200),
  title: z.string().max(200),
  department: z.string().max(120),
  location: z.string().max(120),
  managerId: z.string().min(1).max(64).nullable(),
  skills: z.array(z.string().min(1).max(80)).max(100),
  bio: z.string().max(4000),
  timezone: z.string().max(64),
  active: z.boolean(),
});
export type Person = z.infer<typeof Person>;

/** What a result list needs of a person: no bio, no timezone. */
export const PersonSummary = Person.pick({
  id: true,
  name: true,
  title: true,
  department: true,
  location: true,
  active: true,
});
export type PersonSummary = z.infer<typeof PersonSummary>;
