/**
 * The `attune` command line: `attune build-model` turns a site's catalogue and
 * logs into the model file its visitors' browsers read; `attune audit` measures
 * what each re-ranking setting costs in accuracy and changes in what is shown.
 */
import { auditCommand } from './audit/audit-command';
import { UsageError, type Command } from './command-line';
import { buildModelCommand } from './model/build-command';
import { progressOn } from './progress';

const COMMANDS: Record<string, Command> = { 'build-model': buildModelCommand, audit: auditCommand };

const USAGE = `Usage: attune <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(14)}${summary}`)
  .join('\n')}

Run "attune <command> --help" for its options.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const progress = progressOn(process.stderr);
  const command = name === undefined ? undefined : Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (name === '-h' || name === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!command) throw new UsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
    const output = await command.run(args, progress);
    progress.end();
    process.stdout.write(output);
    return 0;
  } catch (error) {
    progress.end();
    const usage = error instanceof UsageError;
    const help = command ? `attune ${name} --help` : 'attune --help';
    // One line and no stack: the message says what to fix.
    process.stderr.write(`attune: ${(error as Error).message}${usage ? ` (see ${help})` : ''}\n`);
    return usage ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
