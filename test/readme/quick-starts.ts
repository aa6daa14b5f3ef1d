/**
 * The README's quick starts as a reader copies them: the blocks under
 * "Quick start: script tag" and "Quick start: npm module", read from README.md,
 * so the tests that run them (test/e2e/readme-script-tag.test.ts and
 * test/package/readme-npm.test.ts) run what the README says today.
 */
import { readFileSync } from 'node:fs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The fenced blocks of one `## ` section, in order, each with its language. */
export function blocksOf(heading: string): { language: string; code: string }[] {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)].map((match) => ({ language: match[1]!, code: match[2]! }));
}

/** The first block of a language in a section. */
export function blockOf(heading: string, language: string): string {
  const block = blocksOf(heading).find((candidate) => candidate.language === language);
  if (!block) throw new Error(`README.md's "${heading}" has no ${language} block`);
  return block.code;
}
