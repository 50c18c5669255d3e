import { parseArgs, type ParseArgsConfig } from 'node:util';
import { nearestSpelling } from '../transforms/contract/spelling.ts';
import { UsageError } from './usage.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgs<O extends Options> {
  /** The command's name, as typed after `workforce`. */
  readonly command: string;
  /** The command's usage text; its first line is shown with every mistake. */
  readonly usage: string;
  readonly options: O;
}

/** "Did you mean --period?" for a mistyped option, or nothing. */
function optionHint(name: string, options: Options): string {
  const guess = nearestSpelling(name, [...Object.keys(options), 'help']);
  return guess ? ` Did you mean --${guess}?` : '';
}

/** A mistake in how a command was called, with the command's usage line and where to read more. */
export function usageMistake(command: string, usage: string, message: string): UsageError {
  const usageLine = usage.split('\n')[0] as string;
  return new UsageError(`${message}\n\nUsage: ${usageLine}\nRun 'workforce ${command} --help' for more.`);
}

/**
 * Parses a command's arguments with node:util's parseArgs, but answers a mistake in the
 * command's own words instead of Node's: an unknown option (with the nearest known one), an option
 * that needs a value given none, a switch given a value.
 */
export function parseCommandArgs<O extends Options>({ command, usage, options }: CommandArgs<O>, args: string[]) {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (option === undefined) {
      const hint = optionHint(token.name, options);
      throw usageMistake(command, usage, `'workforce ${command}' has no option ${token.rawName}.${hint}`);
    }
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('-'));
    if (option.type === 'string' && missing) {
      throw usageMistake(command, usage, `${token.rawName} needs a value: ${token.rawName} <value>.`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw usageMistake(command, usage, `${token.rawName} takes no value; give ${token.rawName} alone.`);
    }
  }
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}
