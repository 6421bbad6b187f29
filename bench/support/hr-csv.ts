import { writeFile } from 'node:fs/promises';

const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'People', 'Legal', 'Support', 'Design'];
const SITES = ['Lyon', 'Zürich', 'London', 'New York', 'Singapore', 'São Paulo'];
const ZONES = [
  'Europe/Paris',
  'Europe/Zurich',
  'Europe/London',
  'America/New_York',
  'Asia/Singapore',
  'America/Sao_Paulo',
];

/** The employee id of person n (1-based). */
export const employeeId = (n: number) => `E${String(n).padStart(6, '0')}`;

/**
 * Writes an HR export of `size` people, as IT would get it: a header, quoted cells with commas, accents,
 * a manager tree of eight reports each, given by manager employee id. `title(n)` varies titles between runs.
 */
export async function writeHrCsv(
  file: string,
  size: number,
  title: (n: number) => string = (n) => (n % 10 === 0 ? 'Engineer, Platform' : 'Engineer'),
) {
  const lines = ['Employee ID,Name,Email,Title,Department,Site,Manager ID,Skills,Time Zone'];
  for (let n = 1; n <= size; n++) {
    const manager = n === 1 ? '' : employeeId(Math.floor((n - 2) / 8) + 1);
    const cells = [
      employeeId(n),
      `Zoë Person ${n}`,
      `person.${n}@example.com`,
      `"${title(n)}"`,
      DEPARTMENTS[n % DEPARTMENTS.length],
      SITES[n % SITES.length],
      manager,
      n % 3 === 0 ? 'TypeScript;SQL' : 'Rust',
      ZONES[n % ZONES.length],
    ];
    lines.push(cells.join(','));
  }
  await writeFile(file, lines.join('\n') + '\n');
}
