import { auditCommand, AUDIT_USAGE } from './commands/audit.ts';
import { readFileSync } from 'node:fs';
import { nearestSpelling } from '../transforms/contract/spelling.ts';
import { describeAwsError } from './aws-errors.ts';
import { queryCommand, QUERY_USAGE } from './commands/query.ts';
import { inviteCommand, INVITE_USAGE } from './commands/invite.ts';
import { reportCommand, REPORT_USAGE } from './commands/report.ts';
import { runCommand, RUN_USAGE } from './commands/run.ts';
import { serveCommand, SERVE_USAGE } from './commands/serve.ts';
import { uploadCommand, UPLOAD_USAGE } from './commands/upload.ts';
import { validateCommand, VALIDATE_USAGE } from './commands/validate.ts';
import { EXIT, processOutput, UsageError, type Output } from './usage.ts';

// The SDK warns that its 2027 releases will need Node 22; this machine runs Node 20, and the
// Lambda runtime is newer still. The warning says nothing a user of this command can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const COMMANDS: Record<string, { run: (args: string[], output: Output) => Promise<number>; usage: string }> = {
  validate: { run: validateCommand, usage: VALIDATE_USAGE },
  run: { run: runCommand, usage: RUN_USAGE },
  query: { run: queryCommand, usage: QUERY_USAGE },
  report: { run: reportCommand, usage: REPORT_USAGE },
  audit: { run: auditCommand, usage: AUDIT_USAGE },
  upload: { run: uploadCommand, usage: UPLOAD_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  invite: { run: inviteCommand, usage: INVITE_USAGE },
};

const HELP = `workforce — the Children's Trust workforce needs analysis

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.split('\n')[0]}`)
  .join('\n')}

Run 'workforce <command> --help' for more, 'workforce --version' for the version.`;

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
  const command = COMMANDS[name];
  if (command === undefined) {
    const guess = nearestSpelling(name.toLowerCase().replace(/^-+/, ''), Object.keys(COMMANDS));
    output.err(`Unknown command '${name}'.${guess ? ` Did you mean 'workforce ${guess}'?` : ''}\n\n${HELP}`);
    return EXIT.usage;
  }
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
