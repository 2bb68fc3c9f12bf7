/** One wrong mail setting: which variable, what is wrong with it, and what to do. */
export interface MailSettingsProblem {
  readonly variable: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * Thrown for bad mail settings. All problems found in one pass are reported together
 * (`problems`), so a user fixes everything in one go instead of one restart per mistake.
 * `variable` and `fix` describe the first problem; `message` lists every one.
 */
export class MailSettingsError extends Error {
  override readonly name = 'MailSettingsError';
  readonly variable: string;
  readonly fix: string;
  readonly problems: readonly MailSettingsProblem[];

  constructor(problems: MailSettingsProblem | readonly MailSettingsProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems as MailSettingsProblem];
    const first = list[0];
    if (first === undefined) throw new TypeError('MailSettingsError needs at least one problem');
    super(
      list.length === 1
        ? describeProblem(first)
        : `${list.length} mail settings are wrong:\n${list.map((p) => `- ${describeProblem(p)}`).join('\n')}`,
    );
    this.variable = first.variable;
    this.fix = first.fix;
    this.problems = list;
  }
}

export function describeProblem(problem: MailSettingsProblem): string {
  return `${problem.variable}: ${problem.message} Fix: ${problem.fix}`;
}

/** Collects problems while settings are read, then throws them all at once. */
export class ProblemList {
  readonly items: MailSettingsProblem[] = [];

  add(variable: string, message: string, fix: string): void {
    this.items.push({ variable, message, fix });
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new MailSettingsError(this.items);
  }
}
