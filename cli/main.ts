import { auditCommand, AUDIT_USAGE } from './commands/audit.ts';
import { queryCommand, QUERY_USAGE } from './commands/query.ts';
import { reportCommand, REPORT_USAGE } from './commands/report.ts';
import { runCommand, RUN_USAGE } from './commands/run.ts';
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
};

const HELP = `workforce — the Children's Trust workforce needs analysis

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.split('\n')[0]}`)
  .join('\n')}

Run 'workforce <command> --help' for more.`;

export async function main(args: string[], output: Output = processOutput): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    output.err(`Unknown command '${name}'.\n\n${HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    output.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, output);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.err((error as Error).message);
      return EXIT.usage;
    }
    throw error;
  }
}
