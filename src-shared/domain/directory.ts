import { z } from 'zod';
import { Person, PersonSummary } from './person.ts';

export const SEARCH_PAGE_MAX = 200;

const filterValue = z.string().trim().min(1).max(120).optional();

export const DirectoryQuery = z.strictObject({
  /** Free text: words match name, title, skills, department and location, each word as a prefix. */
  text: z.string().max(200).default(''),
  department: filterValue,
  location: filterValue,
  skill: filterValue,
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).default(50),
});
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const DirectoryPage = z.object({
  total: z.number().int().min(0),
  /** More than `total` match: the text is too broad to rank or count every match ("1,000+ people"). */
  totalIsLowerBound: z.boolean(),
  offset: z.number().int().min(0),
  items: z.array(PersonSummary),
});
export type DirectoryPage = z.infer<typeof DirectoryPage>;

export const FacetValue = z.object({ value: z.string(), count: z.number().int().min(0) });
export const DirectoryFacets = z.object({
  departments: z.array(FacetValue),
  locations: z.array(FacetValue),
  skills: z.array(FacetValue),
});
export type DirectoryFacets = z.infer<typeof DirectoryFacets>;

export const PersonProfile = z.object({
  person: Person,
  /** From the top of the organisation down to the direct manager. */
  managerChain: z.array(PersonSummary),
  directReports: z.array(PersonSummary),
});
export type PersonProfile = z.infer<typeof PersonProfile>;
