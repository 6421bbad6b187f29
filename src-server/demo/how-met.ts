import type { ConnectionKind } from '#shared/domain/connection';
import { Tie } from './connection-graph.ts';
import type { Rng } from './prng.ts';

/** How two people met, per tie: a sentence and the kinds it implies. */

export interface HowMetTemplate {
  kinds: readonly ConnectionKind[];
  /** {year}, {dept} (the other person's department), {site} (theirs), {community}. */
  text: string;
}

const t = (kinds: readonly ConnectionKind[], text: string): HowMetTemplate => ({ kinds, text });

/** Team ties split by who is whose manager. */
export const TEAM_TEMPLATES = {
  manager: [
    t(['worked_with'], 'My manager since {year}.'),
    t(['worked_with', 'reference'], 'Hired me in {year} and has been my manager since.'),
  ],
  report: [
    t(['worked_with'], 'On my team since {year}.'),
    t(['worked_with'], 'Joined my team in {year}; we have a weekly one-on-one.'),
  ],
  peer: [
    t(['worked_with'], 'Same team since {year}.'),
    t(['worked_with'], 'We pair on most of our team projects.'),
    t(['worked_with'], 'Joined the team around the same time, in {year}.'),
  ],
} as const;

const TEMPLATES: Record<Exclude<Tie, typeof Tie.team>, readonly HowMetTemplate[]> = {
  [Tie.department]: [
    t(['worked_with'], 'Worked together on a {dept} project in {year}.'),
    t(['worked_with'], 'We overlapped on a cross-team initiative in {year}.'),
    t(['worked_with'], 'Paired on an incident review.'),
    t(['worked_with', 'reference'], 'Worked together for two years; happy to vouch for each other.'),
    t(['other'], 'Met during onboarding in {year}.'),
  ],
  [Tie.site]: [
    t(['other'], 'We sit near each other in the {site} office.'),
    t(['met_at_event'], 'Met at the {site} office summer party.'),
    t(['other'], 'Coffee regulars at the {site} office.'),
    t(['met_at_event'], 'Met at a lunch-and-learn in {site}.'),
  ],
  [Tie.community]: [
    t(['community_peer'], 'Both active in {community}.'),
    t(['community_peer', 'met_at_event'], 'Met at a {community} meetup.'),
    t(['community_peer'], "Answered each other's questions in {community}."),
  ],
  [Tie.mentor]: [
    t(['mentor'], 'My mentor through the mentoring programme since {year}.'),
    t(['mentor'], 'Coached me when I moved into my current role.'),
    t(['mentor', 'worked_with'], 'Mentors me on career growth; we meet monthly.'),
  ],
  [Tie.mentee]: [
    t(['mentee'], 'I have been mentoring them since {year}.'),
    t(['mentee'], 'Paired through the mentoring programme in {year}.'),
    t(['mentee'], 'Asked me for career advice and we kept meeting.'),
  ],
  [Tie.crossDepartment]: [
    t(['met_at_event'], 'Met at the {year} company offsite.'),
    t(['worked_with'], 'Worked together on a cross-department project with {dept}.'),
    t(['reference'], 'Introduced by a colleague for advice on {dept} matters.'),
    t(['met_at_event'], 'Met at an all-hands in {site}.'),
    t(['other'], 'Friends from a previous company.'),
  ],
};

export function templatesOf(tie: Exclude<Tie, typeof Tie.team>): readonly HowMetTemplate[] {
  return TEMPLATES[tie];
}

export function pickTemplate(rng: Rng, templates: readonly HowMetTemplate[]): HowMetTemplate {
  return rng.pick(templates);
}

export interface HowMetValues {
  year: number;
  dept: string;
  site: string;
  community: string;
}

/** Filled sentences repeat a lot (a few templates × years × places): one string each, not one per row. */
const sentences = new Map<string, string>();
const kindsJson = new Map<readonly ConnectionKind[], string>();

export function fillTemplate(template: HowMetTemplate, values: HowMetValues): string {
  const { text } = template;
  if (!text.includes('{')) return text;
  const key = `${text}|${values.year}|${values.dept}|${values.site}|${values.community}`;
  let sentence = sentences.get(key);
  if (sentence === undefined) {
    sentence = text
      .replace('{year}', String(values.year))
      .replace('{dept}', values.dept)
      .replace('{site}', values.site)
      .replace('{community}', values.community);
    if (sentences.size > 50_000) sentences.clear();
    sentences.set(key, sentence);
  }
  return sentence;
}

/** The kinds column (a JSON array), shared by every row of the same template. */
export function kindsColumn(kinds: readonly ConnectionKind[]): string {
  let json = kindsJson.get(kinds);
  if (json === undefined) {
    json = JSON.stringify(kinds);
    kindsJson.set(kinds, json);
  }
  return json;
}
