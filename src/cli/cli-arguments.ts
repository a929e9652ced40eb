import { parseArgs, type ParseArgsConfig } from 'node:util';

// Every command reads its arguments here first, before it opens a database or writes a file, and
// imports its heavy modules (the ORM, the schema) only afterwards, with `await import(...)`: so
// `--help` and a refused argument answer at once and touch nothing.

type Options = NonNullable<ParseArgsConfig['options']>;

/** The positional arguments a command takes: their names (for messages) and how many, from `min` to `max`. */
export interface PositionalUsage {
  /** One name per position (`STEP`, `FILE`); the last one also names any further positions. */
  readonly names: readonly string[];
  readonly min: number;
  readonly max: number;
}

/** What a command says about itself: its usage (printed by `--help`, and after a wrong argument). */
export interface CommandUsage {
  /** `npm run <name> -- [flags]` and a sentence on what it does. */
  readonly usage: string;
  /** One line per flag. */
  readonly flags?: readonly string[];
  /** The positional arguments it takes; none when absent (a stray one is refused). */
  readonly positionals?: PositionalUsage;
}

/** What `cliArguments` read: the flags' values, and the positional arguments in order. */
export interface CliArguments<T extends Options> {
  readonly values: ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>>['values'];
  readonly positionals: readonly string[];
}

/** The usage text of a command: its line, then its flags and `--help`, descriptions aligned. */
export function usageText({ usage, flags = [] }: CommandUsage): string {
  const rows = [...flags, '--help, -h   print this and exit'].map((line) => {
    const gap = /\s{2,}/.exec(line);
    return gap ? [line.slice(0, gap.index), line.slice(gap.index + gap[0].length)] : [line, ''];
  });
  const width = Math.max(...rows.map(([flag = '']) => flag.length)) + 3;
  const lines = rows.map(([flag = '', description = '']) => `  ${flag.padEnd(width)}${description}`.trimEnd());
  return [/^usage:/i.test(usage) ? usage : `Usage: ${usage}`, '', 'Flags:', ...lines].join('\n');
}

/**
 * Refuses a command's arguments (a missing flag, a malformed value, an unknown step): one line
 * saying what is wrong, naming the flag or argument, then the usage, on stderr; exit code 2.
 */
export function refuseArguments(command: CommandUsage, message: string): never {
  console.error(`${message}\n\n${usageText(command)}`);
  process.exit(2);
}

/**
 * Reads a command's flags and positional arguments, strictly: `--help` prints the usage and exits 0
 * before the command touches anything; an unknown flag, a missing value, a stray or missing
 * positional argument prints one line naming it, then the usage, and exits 2.
 */
export function cliArguments<T extends Options>(
  command: CommandUsage,
  options: T,
  argv: readonly string[] = process.argv.slice(2),
): CliArguments<T> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // Node's hint on positionals starting with '-' (after `--`) does not apply through `npm run`: cut.
    refuseArguments(
      command,
      (error instanceof Error ? error.message : String(error)).replace(/\. To specify a positional argument.*$/s, '.'),
    );
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usageText(command));
    process.exit(0);
  }
  const { names = [], min = 0, max = 0 } = command.positionals ?? {};
  const { positionals } = parsed;
  if (positionals.length > max) {
    refuseArguments(
      command,
      max === 0
        ? `Unexpected argument '${positionals[0]}': this command takes no arguments, only flags.`
        : `Unexpected argument '${positionals[max]}': this command takes at most ${max === 1 ? 'one' : max}.`,
    );
  }
  if (positionals.length < min) refuseArguments(command, `Missing ${names[positionals.length] ?? names.at(-1) ?? 'an argument'}.`);
  return { values: parsed.values as CliArguments<T>['values'], positionals };
}

/**
 * Reads a flag's value as a whole number from `min` to `max` (its default when absent), or refuses
 * the arguments naming the flag: what a count, a size or a seed flag needs.
 */
export function wholeNumberFlag(
  command: CommandUsage,
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    refuseArguments(
      command,
      `--${flag} must be a ${min === 1 ? `positive whole number, at most ${max}` : `whole number from ${min} to ${max}`}; got "${raw}".`,
    );
  return value;
}
