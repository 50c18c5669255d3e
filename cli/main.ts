import { readFileSync } from 'node:fs';
import { nearestSpelling } from '../transforms/contract/spelling.ts';
import { describeAwsError } from './aws-errors.ts';
import { EXIT, processOutput, UsageError, type Output } from './usage.ts';

// The SDK warns that its 2027 releases will need Node 22; this machine runs Node 20, and the
// Lambda runtime is newer still. The warning says nothing a user of this command can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface Command {
  readonly run: (args: string[], output: Output) => Promise<number>;
  readonly usage: string;
}

/**
 * The commands, each loaded only when it runs (so `workforce --help` starts at once), with the
 * line the general help gives it; the command's own usage text lives with the command.
 */
const COMMANDS = {
  validate: {
    summary: 'check a CSV file against the data contract, row by row, before it is sent',
    load: async (): Promise<Command> => {
      const { validateCommand, VALIDATE_USAGE } = await import('./commands/validate.ts');
      return { run: validateCommand, usage: VALIDATE_USAGE };
    },
  },
  run: {
    summary: 'run the whole pipeline on this machine over a landing folder: lake, reports',
    load: async (): Promise<Command> => {
      const { runCommand, RUN_USAGE } = await import('./commands/run.ts');
      return { run: runCommand, usage: RUN_USAGE };
    },
  },
  query: {
    summary: 'run SQL on the lake with DuckDB, the same SQL Athena runs in AWS',
    load: async (): Promise<Command> => {
      const { queryCommand, QUERY_USAGE } = await import('./commands/query.ts');
      return { run: queryCommand, usage: QUERY_USAGE };
    },
  },
  report: {
    summary: 'write the needs-analysis report (HTML, JSON, CSVs) for a period',
    load: async (): Promise<Command> => {
      const { reportCommand, REPORT_USAGE } = await import('./commands/report.ts');
      return { run: reportCommand, usage: REPORT_USAGE };
    },
  },
  audit: {
    summary: 'attack a published report as an attacker would: can a withheld count be worked out?',
    load: async (): Promise<Command> => {
      const { auditCommand, AUDIT_USAGE } = await import('./commands/audit.ts');
      return { run: auditCommand, usage: AUDIT_USAGE };
    },
  },
  upload: {
    summary: "send a partner's file to the pipeline, locally or to the Trust's AWS landing bucket",
    load: async (): Promise<Command> => {
      const { uploadCommand, UPLOAD_USAGE } = await import('./commands/upload.ts');
      return { run: uploadCommand, usage: UPLOAD_USAGE };
    },
  },
  serve: {
    summary: 'run the pipeline as a service on this machine, with the partner portal',
    load: async (): Promise<Command> => {
      const { serveCommand, SERVE_USAGE } = await import('./commands/serve.ts');
      return { run: serveCommand, usage: SERVE_USAGE };
    },
  },
  invite: {
    summary: 'give a partner (or the Trust) a sign-in link to the portal; list or revoke links',
    load: async (): Promise<Command> => {
      const { inviteCommand, INVITE_USAGE } = await import('./commands/invite.ts');
      return { run: inviteCommand, usage: INVITE_USAGE };
    },
  },
} as const satisfies Record<string, { readonly summary: string; readonly load: () => Promise<Command> }>;

type CommandName = keyof typeof COMMANDS;
const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);
const NAME_WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length));

const HELP = `workforce — the Children's Trust workforce needs analysis

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)}  ${command.summary}`)
  .join('\n')}

Run 'workforce <command> --help' for its options, 'workforce --version' for the version.`;

/** The version, from package.json: the one place it is written. */
export function version(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const { name, version: number } = JSON.parse(text) as { name: string; version: string };
  return `workforce ${number} (${name})`;
}

/** Set WORKFORCE_DEBUG=1 to see where an unexpected failure happened. */
const debug = () => process.env.WORKFORCE_DEBUG !== undefined && process.env.WORKFORCE_DEBUG !== '';

export async function main(args: string[], output: Output = processOutput): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    output.out(version());
    return EXIT.ok;
  }
  if (!isCommandName(name)) {
    const guess = nearestSpelling(name.toLowerCase().replace(/^-+/, ''), Object.keys(COMMANDS));
    output.err(`Unknown command '${name}'.${guess ? ` Did you mean 'workforce ${guess}'?` : ''}\n\n${HELP}`);
    return EXIT.usage;
  }
  const command = await COMMANDS[name].load();
  if (rest.includes('--help') || rest.includes('-h')) {
    output.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(error.message);
      return EXIT.usage;
    }
    const aws = describeAwsError(error);
    if (aws) {
      output.err(aws);
      return EXIT.usage;
    }
    // Anything else is no mistake of the user's: one line saying what failed, the trace on request.
    output.err(`workforce ${name} failed: ${(error as Error)?.message ?? String(error)}`);
    output.err(debug() ? String((error as Error)?.stack ?? error) : 'Run again with WORKFORCE_DEBUG=1 to see where.');
    return EXIT.usage;
  }
}
