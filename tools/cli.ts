/**
 * The `attune` command line: `attune build-model` turns a site's catalogue and
 * logs into the model file its visitors' browsers read; `attune audit` measures
 * what each re-ranking setting costs in accuracy and changes in what is shown;
 * `attune decode-reports` turns the visitors' aggregate reports into estimates.
 */
import { readFileSync } from 'node:fs';
import { auditCommand } from './audit/audit-command';
import { UsageError, type Command } from './command-line';
import { buildModelCommand } from './model/build-command';
import { progressOn } from './progress';
import { decodeReportsCommand } from './reports/decode-command';

const COMMANDS: Record<string, Command> = { 'build-model': buildModelCommand, audit: auditCommand, 'decode-reports': decodeReportsCommand };

/** Where the summaries start in the help, two spaces past the longest command name. */
const SUMMARY_COLUMN = 2 + Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
/** The command list fits a terminal of 80 columns. */
const HELP_WIDTH = 80;

/** A summary's words in lines that fit between its column and the help's width. */
function wrapped(summary: string): string[] {
  const lines: string[] = [];
  for (const word of summary.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && SUMMARY_COLUMN + last.length + 1 + word.length <= HELP_WIDTH) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const USAGE = `Usage: attune <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(SUMMARY_COLUMN - 2)}${wrapped(summary).join(`\n${' '.repeat(SUMMARY_COLUMN)}`)}`)
  .join('\n')}

Options:
  --version${' '.repeat(SUMMARY_COLUMN - 11)}the version of attune
  -h, --help${' '.repeat(SUMMARY_COLUMN - 12)}this help

Run "attune <command> --help" for its options.
`;

/** The package's version: package.json sits one folder up from this file, in the repository (tools/) and in the package (dist/). */
const version = () => (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const progress = progressOn(process.stderr);
  const command = name === undefined ? undefined : Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (name === '-h' || name === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (name === '--version') {
      process.stdout.write(`attune ${version()}\n`);
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

// Not a top-level await: the SDK's parts that load on demand are inlined after this module's code, and must be defined before main runs.
void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
