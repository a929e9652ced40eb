import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command says about itself: its usage (printed by `--help`, and after a wrong flag). */
export interface CommandUsage {
  /** `npm run <name> -- [flags]` and a sentence on what it does. */
  readonly usage: string;
  /** One line per flag. */
  readonly flags?: readonly string[];
}

/** The usage text of a command: its line, then its flags and `--help`. */
export function usageText({ usage, flags = [] }: CommandUsage): string {
  return [usage, '', 'Flags:', ...[...flags, '--help, -h   print this and exit'].map((line) => `  ${line}`)].join('\n');
}

/**
 * Reads a command's flags, strictly: `--help` prints the usage and exits 0 before the command
 * touches anything; an unknown flag, a missing value or a stray argument prints one line naming
 * it, then the usage, and exits 2.
 */
export function cliArguments<T extends Options>(
  command: CommandUsage,
  options: T,
  argv: readonly string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>['values'] {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usageText(command)}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usageText(command));
    process.exit(0);
  }
  return parsed.values as ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>['values'];
}
