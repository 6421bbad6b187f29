import type { PostKind } from '#shared/domain/community';

/**
 * What demo posts say. `{topic}` and `{topic2}` are two of the community's topics; `{community}`, `{site}`,
 * `{role}` and `{n}` are filled in by the generator. Work communities (practice, change, team) and social
 * ones (circles, clubs) speak differently.
 */

export interface PostTemplate {
  /** null: an untitled post (answers always are). */
  title: string | null;
  body: string;
}

export type Tone = 'work' | 'social' | 'change';

type Templates = Partial<Record<PostKind, readonly PostTemplate[]>>;

const t = (title: string | null, body: string): PostTemplate => ({ title, body });

const WORK: Templates = {
  question: [
    t(
      'How do you handle {topic} in your team?',
      'We are revisiting how we do {topic} and I would love to hear what works elsewhere.\n\n- What did you try first?\n- What would you not do again?\n\nContext: we are a team of {n}, mostly in {site}.',
    ),
    t(
      'Anyone combined {topic} with {topic2}?',
      'We are about to try {topic} together with {topic2}. Has anyone here done it already?\n\nI am mostly worried about the operational cost after the first month.',
    ),
    t(
      'Best way to get started with {topic}?',
      'New to {topic}. Is there a guide, a recording or a person I should talk to first? Links welcome.',
    ),
    t(
      '{topic}: what is our current recommendation?',
      'The wiki page on {topic} is two years old. Is it still what we recommend, or has the thinking moved on?',
    ),
    t(
      'Stuck on {topic} since last week',
      'Since the last change our {topic} setup fails in a way I cannot reproduce locally:\n\n```\nerror: timed out after 30s waiting for condition\n```\n\nAny idea where to look next?',
    ),
    t(
      'Who owns {topic} these days?',
      'I need a decision on {topic} for a project starting next month. Who should I ask?',
    ),
    t(
      'Is there a template for {topic}?',
      'Before I write one from scratch: does anyone have a template for {topic} they are happy with?',
    ),
    t(
      '{topic} or {topic2} for a new project?',
      'Starting something new in {site}. Team of {n}, short deadline. Would you go with {topic} or {topic2}, and why?',
    ),
    t(
      'How much time does {topic} take you each week?',
      'Trying to size the effort honestly for next quarter’s plan. Rough numbers are fine.',
    ),
    t(
      'Looking for a reviewer for our {topic} proposal',
      'We wrote a two-page proposal on {topic}. Anyone with an hour this week to read it and push back?',
    ),
  ],
  answer: [
    t(
      null,
      'We went through the same thing last quarter. What worked for us:\n\n1. Start with one team\n2. Write the decision down in the wiki\n3. Review it after a month\n\nHappy to walk you through it.',
    ),
    t(
      null,
      'There is a page on {topic} in the wiki; the short version is: keep it boring and automate the checks.',
    ),
    t(null, 'We paired {topic} with {topic2} about six months ago and have had no regrets so far.'),
    t(
      null,
      'I would talk to the people who built the current setup first, they solved most of this already. Ping me and I will introduce you.',
    ),
    t(
      null,
      'Not quite an answer, but a warning: our first attempt at {topic} cost us a week. Try it on a small scope first.',
    ),
    t(
      null,
      'We use a checklist:\n\n- [ ] an owner named\n- [ ] a rollback plan\n- [ ] metrics before and after\n\nNot glamorous, but it catches most problems.',
    ),
    t(
      null,
      'Short answer: yes. The longer answer is in the recording of last month’s session, from minute 12.',
    ),
    t(
      null,
      'It depends on scale. For a few teams, keep it simple; beyond that, standardise on {topic2} and document the exceptions.',
    ),
  ],
  best_practice: [
    t(
      'Checklist: {topic} before going live',
      '## Before\n\n- Agree on who owns it\n- Measure where you start\n\n## During\n\n- Change one thing at a time\n- Keep a log of what you tried\n\n## After\n\n- Share what you learned here, even when it did not work',
    ),
    t(
      'What we learned from a year of {topic}',
      'A year in, three lessons:\n\n1. **Start smaller than you think.** The first version was twice too big.\n2. **Write it down.** Decisions nobody can find get made again.\n3. **Make the good path the easy one.** Templates beat guidelines.',
    ),
    t(
      'Five mistakes to avoid with {topic}',
      '1. Skipping the pilot\n2. No owner after launch\n3. Measuring activity instead of outcomes\n4. Ignoring {topic2}\n5. Not asking this community first',
    ),
    t(
      'A lightweight review for {topic}',
      'We now review {topic} changes with three questions:\n\n> What could go wrong? How would we notice? How do we undo it?\n\nIt takes ten minutes and has saved us twice already.',
    ),
    t(
      'Our {topic} playbook, version 2',
      'Updated after the feedback from last quarter. Main changes:\n\n- clearer roles\n- a section on {topic2}\n- examples from three teams\n\nComments welcome below.',
    ),
    t(
      'Tip: make {topic} visible',
      'Put the current state of {topic} on one dashboard the whole team sees. Problems get noticed days earlier.',
    ),
  ],
  post: [
    t(
      'Notes from the {topic} session',
      'Thanks to everyone who joined. My notes:\n\n- {topic} is less scary than it looks\n- the hard part is {topic2}\n- slides are in the shared drive',
    ),
    t(null, 'Just read a good write-up on {topic}. The part about {topic2} matches what we saw in {site}.'),
    t(
      'Sharing: how we do {topic}',
      'Several people asked, so here is a short summary of how our team handles {topic}. Questions welcome.',
    ),
    t(null, 'Small win this week: we finally automated part of {topic}. It saves about an hour a day.'),
    t(
      'Looking for people working on {topic}',
      'We are starting work on {topic} in {site}. Who should we talk to?',
    ),
    t(null, 'Reminder: the recording of the {topic} deep-dive is available until the end of the month.'),
  ],
  event: [
    t(
      '{community} meetup: {topic}',
      'Two short talks on {topic} and {topic2}, then open discussion. Bring your questions.',
    ),
    t('Office hours: {topic}', 'Drop in with anything about {topic}. No slides, no agenda.'),
    t(
      'Workshop: hands-on {topic}',
      'Ninety minutes, laptops open. We will work through {topic} step by step.',
    ),
    t('Lightning talks: {topic} and more', 'Five-minute talks. Want to speak? Reply to the organisers.'),
  ],
  announcement: [
    t(
      'Welcome to our new members',
      'A warm welcome to everyone who joined this month. Start with the pinned best practices, and ask anything: no question is too basic here.',
    ),
    t(
      'Our objectives for next quarter',
      'After the retrospective we agreed to focus on:\n\n1. {topic}\n2. {topic2}\n3. welcoming new members faster\n\nThanks for all the input.',
    ),
    t(
      'The recording of the last session is up',
      'Find it in the shared drive, with the slides and links from the chat.',
    ),
    t(
      'Survey: how can this community help you?',
      'Five questions, three minutes. The results will shape next quarter’s sessions.',
    ),
    t('New moderators', 'Please welcome our new moderators, who will help keep questions answered quickly.'),
  ],
  job_opening: [
    t(
      'We are hiring: {role} ({site})',
      '## The role\n\nJoin a team of {n} working on {topic}.\n\n## What we look for\n\n- experience with {topic2}\n- curiosity and good writing\n\nInternal candidates first: message me before applying.',
    ),
    t(
      'Internal move: {role} working on {topic}',
      'An opening for someone who wants to go deeper into {topic}. Remote-friendly, based in {site}.',
    ),
    t('Open role: {role}', 'We are growing the team. Ask me anything about the role, the team or {topic}.'),
  ],
};

const SOCIAL: Templates = {
  question: [
    t('Any recommendations for {topic}?', 'Looking for tips on {topic}. What worked for you?'),
    t(
      'Who is up for {topic} this month?',
      'Thinking of organising something around {topic}. Who would come?',
    ),
    t('Beginner here: where do I start with {topic}?', 'Completely new to this. Be gentle!'),
    t('Anyone in {site} into {topic}?', 'Would be great to find a few people to share {topic} with.'),
    t('{topic} or {topic2}?', 'Could not decide, so asking the experts here.'),
    t('What do you think about {topic}?', 'Curious what everyone here thinks.'),
  ],
  answer: [
    t(null, 'Count me in!'),
    t(null, 'Started last year myself. Just go for it, and ask here whenever you are unsure.'),
    t(null, 'I can lend you what you need for the first time, message me.'),
    t(null, 'We did {topic2} last spring and loved it. Happy to share details.'),
    t(null, 'There is a good beginners’ guide pinned in this community, it helped me a lot.'),
  ],
  best_practice: [
    t(
      'Tips for newcomers',
      'A few things we wish we had known:\n\n- start easy\n- come regularly\n- bring a friend',
    ),
    t('How we organise {topic}', 'One organiser, one date, one message here a week before. Simple works.'),
    t(
      'Our guide to {topic}',
      'Collected from the group over the year:\n\n1. plan ahead\n2. share the costs\n3. have fun',
    ),
  ],
  post: [
    t(null, 'What a great time at {topic} last week. Thanks everyone who came!'),
    t('Photos from {topic}', 'A few pictures from last time. More in the shared album.'),
    t(null, 'Just discovered something about {topic} that I had to share with you all.'),
    t(null, 'Who else is looking forward to {topic2}?'),
    t('Recap: {topic}', 'Good turnout, good mood, and we already have ideas for next time.'),
    t(null, 'Thanks to the organisers for {topic}. More of that please!'),
  ],
  event: [
    t('Next meetup: {topic}', 'Join us for {topic}. Everyone welcome, no experience needed.'),
    t('{community}: {topic}', 'Our regular get-together, this time about {topic}.'),
    t('Save the date: {topic}', 'Details below. Tell us in a post if you are coming so we can plan.'),
    t('Drop-in session: {topic}', 'Come for ten minutes or for the whole time.'),
    t('{topic2} evening', 'A relaxed evening around {topic2}. Bring a friend.'),
  ],
  announcement: [
    t(
      'Welcome to all new members!',
      'So glad to see this group growing. Say hello in a post and tell us what brought you here.',
    ),
    t('Plans for this season', 'Here is what we have in mind: {topic}, {topic2}, and a few surprises.'),
    t('Looking for a co-organiser', 'I would love someone to help run things. Interested? Let me know.'),
    t('Thanks for a great year', 'Thank you all for making this group what it is. See you at the next one!'),
  ],
};

const CHANGE: Templates = {
  announcement: [
    t(
      'Rollout update: {topic}',
      '**Status:** on track.\n\n- done: {topic}\n- next: {topic2}\n- help needed: feedback from your teams\n\nPlease share this with your teams.',
    ),
    t(
      'What changes for your teams next month',
      'Three things to tell your teams:\n\n1. {topic} starts on the first Monday\n2. training slots are open\n3. questions go here, not in private messages',
    ),
    t('Thank you, champions', 'Your feedback on {topic} changed the plan for the better. Keep it coming.'),
    t(
      'Decision: {topic}',
      'After the pilot, we are going ahead with {topic}. The details and the reasoning are below.',
    ),
  ],
  best_practice: [
    t(
      'How to explain {topic} to your team in five minutes',
      '1. Why we are changing\n2. What changes for them, concretely\n3. Where to get help\n\nSlides you can reuse are in the champions folder.',
    ),
    t(
      'Handling pushback on {topic}',
      'Listen first, write the concern down, bring it here. Most pushback we heard had a real point behind it.',
    ),
  ],
};

export const TEMPLATES: Record<Tone, Templates> = {
  work: WORK,
  social: SOCIAL,
  change: { ...WORK, ...CHANGE },
};

export const MEETING_ROOMS: readonly string[] = [
  'the main auditorium',
  'the 3rd floor kitchen',
  'meeting room Atlas',
  'meeting room Horizon',
  'the lobby',
  'the rooftop terrace',
  'the training room',
];

export const ONLINE_PLACE = 'Online (video link in the invite)';
