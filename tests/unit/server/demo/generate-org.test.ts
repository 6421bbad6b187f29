import { describe, expect, it } from 'vitest';
import { Person } from '#shared/domain/person';
import { generateOrg, resolveOrgSize, type DemoOrg } from '#server/demo/generate-org';
import { DEPARTMENTS, SITES } from '#server/demo/org-data';

const medium = generateOrg({ size: 'M', seed: 3 });

function byId(org: DemoOrg) {
  return new Map(org.people.map((p) => [p.id, p]));
}

function reportCounts(org: DemoOrg) {
  const counts = new Map<string, number>();
  for (const p of org.people) if (p.managerId) counts.set(p.managerId, (counts.get(p.managerId) ?? 0) + 1);
  return counts;
}

describe('generateOrg', () => {
  it('gives identical output for the same size and seed', () => {
    expect(generateOrg({ size: 'M', seed: 3 })).toEqual(medium);
  });

  it('gives a different org for a different seed', () => {
    const other = generateOrg({ size: 'M', seed: 4 });
    expect(other.people.map((p) => p.name)).not.toEqual(medium.people.map((p) => p.name));
  });

  it.each([
    ['S', 200],
    ['M', 2000],
    [37, 37],
    [1, 1],
  ] as const)('generates size %s as %i people', (size, count) => {
    expect(generateOrg({ size }).people).toHaveLength(count);
  });

  it('generates 100,000 people for size L with unique ids and emails', () => {
    const large = generateOrg({ size: 'L' });
    expect(large.people).toHaveLength(100_000);
    expect(new Set(large.people.map((p) => p.id)).size).toBe(100_000);
    expect(new Set(large.people.map((p) => p.email)).size).toBe(100_000);
  });

  it('produces people that satisfy the Person schema, with ids like p000123', () => {
    for (const person of medium.people) expect(Person.parse(person)).toEqual(person);
    expect(medium.people[122]?.id).toBe('p000123');
  });

  it('writes emails as first.last[n]@example.com in ASCII', () => {
    for (const { email } of medium.people) expect(email).toMatch(/^[a-z-]+\.[a-z-]+\d*@example\.com$/);
    expect(new Set(medium.people.map((p) => p.email)).size).toBe(medium.people.length);
  });

  it('builds one reporting tree: a single root, known managers, no cycles', () => {
    const people = byId(medium);
    const roots = medium.people.filter((p) => p.managerId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.title).toBe('Chief Executive Officer');
    for (const person of medium.people) {
      const seen = new Set<string>();
      let current: Person | undefined = person;
      while (current?.managerId) {
        expect(seen.has(current.id)).toBe(false);
        seen.add(current.id);
        current = people.get(current.managerId);
        expect(current).toBeDefined();
      }
      expect(current?.id).toBe(roots[0]?.id);
    }
  });

  it('keeps spans of control mostly between 4 and 10', () => {
    const spans = [...reportCounts(medium).values()];
    const inRange = spans.filter((s) => s >= 4 && s <= 10).length;
    expect(inRange / spans.length).toBeGreaterThan(0.85);
    expect(Math.max(...spans)).toBeLessThanOrEqual(DEPARTMENTS.length);
  });

  it('has a VP per department reporting to the CEO and mostly same-department, often same-site lines', () => {
    const people = byId(medium);
    const vps = medium.people.filter((p) => p.title.startsWith('VP of '));
    expect(new Set(vps.map((p) => p.department)).size).toBe(DEPARTMENTS.length);
    for (const vp of vps) expect(people.get(vp.managerId as string)?.managerId).toBeNull();
    const lines = medium.people.filter((p) => p.managerId);
    const sameDepartment = lines.filter(
      (p) => people.get(p.managerId as string)?.department === p.department,
    );
    const sameSite = lines.filter((p) => people.get(p.managerId as string)?.location === p.location);
    expect(sameDepartment.length / lines.length).toBeGreaterThan(0.95);
    expect(sameSite.length / lines.length).toBeGreaterThan(0.6);
  });

  it('uses the known departments and sites with their timezones and department skills', () => {
    const timezones = new Map(SITES.map((s) => [s.city, s.timezone]));
    const skills = new Map(DEPARTMENTS.map((d) => [d.name, new Set(d.skills)]));
    for (const p of medium.people) {
      expect(p.timezone).toBe(timezones.get(p.location));
      expect(p.skills.length).toBeGreaterThanOrEqual(2);
      for (const skill of p.skills) expect(skills.get(p.department)?.has(skill)).toBe(true);
      expect(p.bio.length).toBeGreaterThan(20);
    }
  });

  it('marks a small share inactive, never someone with reports', () => {
    const managers = reportCounts(medium);
    const inactive = medium.people.filter((p) => !p.active);
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.length / medium.people.length).toBeLessThan(0.06);
    for (const p of inactive) expect(managers.has(p.id)).toBe(false);
  });

  it.each(['S', 'M'] as const)(
    'designates an engineering manager in Lyon with a manager and reports (%s)',
    (size) => {
      const org = generateOrg({ size });
      const demoUser = byId(org).get(org.demoUserId);
      expect(demoUser).toMatchObject({ department: 'Engineering', location: 'Lyon', active: true });
      expect(demoUser?.managerId).not.toBeNull();
      expect(reportCounts(org).get(org.demoUserId)).toBeGreaterThanOrEqual(3);
    },
  );
});

describe('resolveOrgSize', () => {
  it('maps the named sizes and passes whole numbers through', () => {
    expect([resolveOrgSize('S'), resolveOrgSize('M'), resolveOrgSize('L'), resolveOrgSize(12)]).toEqual([
      200, 2000, 100_000, 12,
    ]);
  });

  it('rejects zero and fractions', () => {
    expect(() => resolveOrgSize(0)).toThrow(RangeError);
    expect(() => resolveOrgSize(2.5)).toThrow(RangeError);
  });
});
