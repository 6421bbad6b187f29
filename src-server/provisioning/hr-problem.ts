import { KithError } from '#shared/errors';

/** One thing wrong with an HR file, where it is: the line (1 = the header) and the column's header. */
export interface HrProblem {
  line: number;
  column?: string | undefined;
  message: string;
}

export function formatProblem({ line, column, message }: HrProblem): string {
  return `line ${line}${column === undefined ? '' : `, column "${column}"`}: ${message}`;
}

/** The file was refused: nothing was written. Its message is the first problem; `problems` lists them all. */
export class HrImportError extends KithError {
  constructor(readonly problems: readonly [HrProblem, ...HrProblem[]]) {
    super('invalid_input', formatProblem(problems[0]));
  }
}

/** Refuses the file when there is any problem. */
export function refuseIfProblems(problems: readonly HrProblem[]): void {
  const [first, ...rest] = problems;
  if (first) throw new HrImportError([first, ...rest]);
}
