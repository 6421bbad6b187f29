import { list, type CommunityTemplate } from './community-catalogue.ts';

/** Leader-led circles and interest clubs, some of them one per site. */

const ENGINEERING_LIKE = ['Engineering', 'Data & Analytics', 'IT'];

export const CIRCLES: readonly CommunityTemplate[] = [
  {
    name: 'New Managers Circle',
    kind: 'microcommunity',
    purpose:
      'A small, candid circle for people in their first years of managing: one-on-ones, feedback, hiring and looking after yourself.',
    objectives: [
      'Meet every month with a new topic',
      'Each member brings one real situation a quarter',
      'Keep what is said here in the circle',
    ],
    visibility: 'private',
    titles: list('Manager, Director, Lead'),
    topics: list(
      'first one-on-ones, giving feedback, performance reviews, delegation, hiring your first report, team rituals, managing former peers, burnout',
    ),
  },
  {
    name: 'Women in Tech',
    kind: 'microcommunity',
    purpose:
      'Support, mentoring and visibility for women in engineering, data, product, design and IT, and for their allies.',
    objectives: [
      'A mentoring pair for everyone who asks',
      'Speakers from our community at four external conferences',
      'Quarterly career conversations',
    ],
    visibility: 'open',
    departments: list('Engineering, Data & Analytics, Product, Design, IT'),
    topics: list(
      'conference talks, promotion cases, mentoring, negotiating salary, returning from leave, allyship, role models, speaking up in meetings',
    ),
  },
  {
    name: 'Public Speaking Practice',
    kind: 'microcommunity',
    purpose:
      'Practise talks in a friendly room: demos, conference talks, all-hands updates. Short slots, kind and concrete feedback.',
    objectives: ['Every member gives two practice talks a year', 'Record and review one talk each quarter'],
    visibility: 'request',
    topics: list(
      'opening lines, live demos, slides with less text, handling questions, stage fright, storytelling, lightning talks, remote presenting',
    ),
  },
  {
    name: 'Staff+ Engineers Forum',
    kind: 'microcommunity',
    purpose:
      'Staff and principal engineers, and those on the way: technical strategy, influence without authority, writing design documents.',
    objectives: [
      'A shared template for design documents',
      'Review each other’s promotion cases',
      'One architecture review a month',
    ],
    visibility: 'request',
    departments: list('Engineering, Data & Analytics'),
    titles: list('Lead, Senior'),
    topics: list(
      'design documents, technical strategy, architecture reviews, mentoring seniors, glue work, promotion cases, tech debt budgets, RFC process',
    ),
  },
  {
    name: 'Working Parents Network',
    kind: 'microcommunity',
    purpose:
      'Parents and carers sharing tips on school holidays, flexible hours, parental leave and keeping a career on track.',
    objectives: [
      'A guide to parental leave in every country we work in',
      'Swap tips before each school holiday',
    ],
    visibility: 'open',
    topics: list(
      'school holidays, parental leave, flexible hours, childcare, returning to work, sick days, travel with kids, homework help',
    ),
  },
  {
    name: 'Mentoring Circle: First 90 Days',
    kind: 'microcommunity',
    purpose:
      'New joiners and volunteer mentors: how things work here, who to ask, and how to make a good start.',
    objectives: [
      'Every new joiner who asks gets a mentor within a week',
      'A living FAQ of what nobody tells you',
    ],
    visibility: 'request',
    titles: list('Associate'),
    topics: list(
      'who to ask, expense reports, the first project, internal tools, meeting culture, getting access, finding a buddy, the org chart',
    ),
  },
  {
    name: '{site} Lunch & Learn',
    kind: 'microcommunity',
    purpose:
      'Lunchtime talks by colleagues in {site}: anything you know well, twenty minutes, sandwiches included.',
    objectives: ['A talk every other week', 'At least half the speakers giving their first talk'],
    visibility: 'open',
    perSite: true,
    topics: list(
      'a side project, what my team does, a book I loved, a tool I use daily, a trip report, our customers, a failure I learned from, career paths',
    ),
  },
];

export const CLUBS: readonly CommunityTemplate[] = [
  {
    name: '{site} Runners',
    kind: 'interest_group',
    purpose:
      'Running together in {site}: lunchtime loops, weekend long runs, trail running and the odd marathon. All paces welcome.',
    objectives: ['A group run every week', 'A team at the city 10k'],
    visibility: 'open',
    perSite: true,
    interests: list('trail running, marathons'),
    topics: list(
      'the lunchtime loop, trail shoes, the city 10k, long runs, running in the rain, marathon training, injury recovery, a new route',
    ),
  },
  {
    name: '{site} Board Game Night',
    kind: 'interest_group',
    purpose: 'Board games and chess after work in {site}: learn a new game, bring your favourite one.',
    objectives: ['A game night every month', 'A shared shelf of games in the office'],
    visibility: 'open',
    perSite: true,
    interests: list('board games, chess'),
    topics: list(
      'a new deck-building game, the chess ladder, co-op games, game night snacks, two-player games, a long campaign game, teaching rules, the games shelf',
    ),
  },
  {
    name: 'Photography Club',
    kind: 'interest_group',
    purpose:
      'Digital and film photography: monthly themes, photo walks, critique and tips on gear you already own.',
    objectives: ['A monthly theme with a shared album', 'An exhibition in each main office'],
    visibility: 'open',
    interests: list('photography, film photography'),
    topics: list(
      'street photography, film stocks, golden hour, the monthly theme, editing workflows, portrait lighting, phone cameras, a photo walk',
    ),
  },
  {
    name: '{site} Cycling Crew',
    kind: 'interest_group',
    purpose: 'Commuting by bike and weekend rides around {site}: routes, repairs and safety.',
    objectives: ['More colleagues commuting by bike', 'A group ride each month in season'],
    visibility: 'open',
    perSite: true,
    interests: list('cycling'),
    topics: list(
      'commute routes, bike parking, puncture repairs, winter riding, a weekend ride, e-bikes, bike lights, a sportive',
    ),
  },
  {
    name: 'Bakers & Cooks',
    kind: 'interest_group',
    purpose: 'Sourdough starters, weeknight dinners and recipes from every country we work in.',
    objectives: ['A shared recipe book', 'A bake sale for charity each year'],
    visibility: 'open',
    interests: list('sourdough baking, cooking for friends'),
    topics: list(
      'sourdough starters, weeknight dinners, the bake sale, spice blends, batch cooking, regional recipes, fermentation, knife skills',
    ),
  },
  {
    name: 'Book & Sci-Fi Club',
    kind: 'interest_group',
    purpose:
      'One book a month, mostly science fiction, sometimes history; we meet online so every site can join.',
    objectives: ['Read twelve books together this year', 'Let members vote for each next book'],
    visibility: 'open',
    interests: list('science fiction, podcasts about history'),
    topics: list(
      'this month’s book, the next vote, a classic, a history podcast, audiobooks, a film adaptation, short stories, an author talk',
    ),
  },
  {
    name: 'Open Source Contributors',
    kind: 'interest_group',
    purpose:
      'People who contribute to open source on their own time or at work: finding a first issue, licences and our contribution policy.',
    objectives: ['Make the contribution policy easy to follow', 'A hack day for upstream fixes each quarter'],
    visibility: 'open',
    interests: list('open source'),
    departments: ENGINEERING_LIKE,
    topics: list(
      'a first pull request, licences, the contribution policy, maintainer burnout, hack day, upstreaming a fix, sponsoring projects, good first issues',
    ),
  },
  {
    name: '{site} Hikers & Climbers',
    kind: 'interest_group',
    purpose:
      'Weekend hikes and climbing sessions from {site}: car sharing, gear swaps and beginner-friendly days out.',
    objectives: ['A hike a month', 'A beginners’ climbing session each quarter'],
    visibility: 'open',
    perSite: true,
    interests: list('hiking, climbing'),
    topics: list(
      'a weekend hike, the climbing gym, car sharing, gear swap, a hut trip, bouldering, trail conditions, first aid',
    ),
  },
  {
    name: 'Green Team {site}',
    kind: 'interest_group',
    purpose:
      'Making the {site} office greener: gardening on the terrace, recycling, birdwatching walks and volunteering.',
    objectives: ['Cut the office’s waste by a third', 'A planting day each spring'],
    visibility: 'open',
    perSite: true,
    interests: list('gardening, birdwatching, volunteering at a food bank'),
    topics: list(
      'the terrace garden, recycling bins, a birdwatching walk, compost, the planting day, a repair café, seed swap, the food bank',
    ),
  },
  {
    name: 'Music Makers',
    kind: 'interest_group',
    purpose:
      'Jazz piano, choir singing and everything in between: jam sessions, the office choir and concert tips.',
    objectives: ['An office jam session each quarter', 'A choir performance at the year-end party'],
    visibility: 'open',
    interests: list('jazz piano, choir singing, salsa dancing'),
    topics: list(
      'the jam session, choir rehearsal, a concert, learning an instrument, home recording, sheet music, the year-end performance, a salsa class',
    ),
  },
  {
    name: 'Language Exchange: Japanese',
    kind: 'interest_group',
    purpose:
      'Learning Japanese together: weekly conversation practice, resources and tips from native-speaking colleagues.',
    objectives: ['A weekly conversation slot across time zones', 'Everyone who starts passes one JLPT level'],
    visibility: 'open',
    interests: list('learning Japanese'),
    topics: list(
      'kanji practice, the JLPT, conversation practice, a textbook, a podcast, a trip to Japan, keigo, flashcards',
    ),
  },
  {
    name: 'Yoga & Wellbeing',
    kind: 'interest_group',
    purpose: 'Yoga, stretching at the desk, sleep and a calmer working day. Online sessions, all levels.',
    objectives: ['Two online sessions a week', 'A wellbeing week each autumn'],
    visibility: 'open',
    interests: list('yoga'),
    topics: list(
      'desk stretches, the morning session, breathing exercises, sleep, a retreat, screen breaks, meditation apps, back pain',
    ),
  },
  {
    name: '{site} Five-a-Side Football',
    kind: 'interest_group',
    purpose: 'Weekly five-a-side in {site}: mixed teams, all levels, and the inter-office cup.',
    objectives: ['A game every week', 'Win the inter-office cup'],
    visibility: 'open',
    perSite: true,
    interests: list('football'),
    topics: list(
      'this week’s game, the inter-office cup, pitch booking, team shirts, the league table, a friendly match, indoor season, new players',
    ),
  },
  {
    name: 'Makers: Pottery & Woodworking',
    kind: 'interest_group',
    purpose:
      'Making things by hand: pottery, woodworking, repairs. Show your projects, find a workshop near you.',
    objectives: ['A show-and-tell each month', 'A list of workshops near each office'],
    visibility: 'open',
    interests: list('pottery, woodworking'),
    topics: list(
      'a first bowl, glazes, hand tools, a workbench, finishing oils, a kiln, a chair project, repairs',
    ),
  },
];
