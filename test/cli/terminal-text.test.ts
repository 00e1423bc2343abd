import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/render-table.ts';
import { jsonText, terminalLine, terminalText } from '../../src/cli/terminal-text.ts';

describe('terminal text', () => {
  it.each([
    ['color codes', 'Red\u001b[31m alert\u001b[0m', 'Red alert'],
    ['window title', 'a\u001b]0;owned\u0007b', 'ab'],
    ['title ended by ST', 'a\u001b]2;owned\u001b\\b', 'ab'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['cursor save', 'a\u001b7b', 'ab'],
    ['bell and backspace', 'a\u0007\bb', 'ab'],
    ['carriage return', 'fake\roverwrite', 'fake\noverwrite'],
    ['right-to-left override', 'gnp\u202Eexe', 'gnp<U+202E>exe'],
    ['unclosed OSC', 'a\u001b]0;owned', 'a'],
  ])('removes %s', (_name, input, expected) => {
    expect(terminalText(input)).toBe(expected);
  });

  it('keeps lines and tabs', () => {
    expect(terminalText('one\n\ttwo')).toBe('one\n\ttwo');
  });

  it('line joins whitespace', () => {
    expect(terminalLine('  one\n\ttwo  ')).toBe('one two');
  });

  it('JSON escapes what stringify leaves', () => {
    const value = { title: 'a\u009bb\u202Ec\u2028d\u001be' };
    const text = jsonText(value);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these characters.
    expect(text).not.toMatch(/[\u001b\u009b\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('render table', () => {
  const rows = [
    { id: 1, title: 'Printer offline on floor two' },
    { id: 10002, title: 'x\u001b[2Jy' },
  ];
  const columns = [
    { header: 'Id', cell: (row: (typeof rows)[number]) => row.id },
    { header: 'Title', cell: (row: (typeof rows)[number]) => row.title, flexible: true },
  ];

  it('aligns columns', () => {
    expect(renderTable(rows, columns)).toBe(
      ['ID     TITLE', '1      Printer offline on floor two', '10002  xy'].join('\n'),
    );
  });

  it('shortens the flexible column', () => {
    const lines = renderTable(rows, columns, 20).split('\n');
    expect(lines[1]).toBe('1      Printer offl…');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
  });
});
