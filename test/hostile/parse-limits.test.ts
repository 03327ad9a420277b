import { describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import type { Blockquote, Root } from 'mdast';
import { checkMarkdownSource, checkTreeDepth, MAX_EMPHASIS_MARKERS, MAX_MARKDOWN_NESTING, MAX_TREE_DEPTH } from '../../pipeline/parse/limits.js';
import { prepare } from './helpers.js';

function refusal(text: string): string {
  try {
    checkMarkdownSource(text, 'a.md');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  return '';
}

describe('Markdown limits before parsing', () => {
  it('refuses quotes and lists nested deeper than the limit, naming the line', () => {
    expect(refusal(`# T\n\n${'>'.repeat(MAX_MARKDOWN_NESTING + 1)} x\n`)).toBe(
      `a.md:3: quotes or lists nested about ${MAX_MARKDOWN_NESTING + 1} deep; at most ${MAX_MARKDOWN_NESTING} levels are supported`,
    );
    expect(refusal(`${'- '.repeat(200)}x\n`)).toMatch(/^a\.md:1: .* 200 deep/);
    expect(refusal(`${'1. '.repeat(40)}x\n`)).toMatch(/40 deep/);
    expect(refusal(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'))).toMatch(/^a\.md:33: .* 33 deep/);
  });

  it('accepts nesting up to the limit, spaces after markers and ordinary indentation', () => {
    expect(refusal(`${'> '.repeat(MAX_MARKDOWN_NESTING)}x\n`)).toBe('');
    expect(refusal('1.5 million people\n- a list\n    - nested\n')).toBe('');
  });

  it('ignores indentation and underscores inside fenced code', () => {
    expect(refusal(`# Code\n\n\`\`\`\n${' '.repeat(200)}deep_code_${'_'.repeat(5000)}\n\`\`\`\n\nAfter.\n`)).toBe('');
    expect(refusal(`~~~~\n${'>'.repeat(100)}\n~~~\n${'>'.repeat(100)}\n~~~~\n`)).toBe('');
  });

  it('refuses a paragraph with more emphasis markers than the parser pairs in bounded time', () => {
    expect(refusal(`# T\n\nline one\n${'*a'.repeat(MAX_EMPHASIS_MARKERS + 1)}\n`)).toMatch(/^a\.md:3: one paragraph holds more than 2000 emphasis markers/);
    expect(refusal(`${'*a* '.repeat(MAX_EMPHASIS_MARKERS / 4)}\n\n${'*a* '.repeat(MAX_EMPHASIS_MARKERS / 4)}\n`)).toBe('');
  });

  it('refuses a tree deeper than the later stages walk, without recursing itself', () => {
    let node: Root | Blockquote = { type: 'root', children: [] };
    const root = node;
    for (let i = 0; i < 100_000; i++) {
      const child: Blockquote = { type: 'blockquote', children: [], position: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } } };
      node.children.push(child);
      node = child;
    }
    expect(() => checkTreeDepth(root as Root, 'a.md')).toThrow(`a.md:${MAX_TREE_DEPTH + 1}: structure nested more than ${MAX_TREE_DEPTH} levels deep`);
  });

  it('keeps a Markdown article at the limits buildable', async () => {
    const text = `# At the limits\n\n${'> '.repeat(MAX_MARKDOWN_NESTING)}quoted\n\n${'*a* '.repeat(MAX_EMPHASIS_MARKERS / 2 - 1)}\n`;
    const article = await prepare(text);
    expect(article.tree.children.length).toBeGreaterThan(1);
  });
});
