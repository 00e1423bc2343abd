import { describe, expect, it } from 'vitest';
import { tokenize, tokensFromArgv, unescapeSlackEntities } from '../../src/grammar/tokenizer.ts';

function words(text: string): string[] {
  const result = tokenize(text);
  if (!result.ok) throw new Error(result.message);
  return result.tokens;
}

function failure(text: string): { message: string; position: number } {
  const result = tokenize(text);
  if (result.ok) throw new Error(`"${text}" was read as ${JSON.stringify(result.tokens)}`);
  return result;
}

describe('tokenize', () => {
  it.each([
    ['plain words', 'tickets get 5', ['tickets', 'get', '5']],
    ['extra whitespace', '  tickets \t get\u00a05  ', ['tickets', 'get', '5']],
    ['double quotes', 'a "b c" d', ['a', 'b c', 'd']],
    ['single quotes', "a 'b c' d", ['a', 'b c', 'd']],
    ['curly double quotes', 'a “b c” d', ['a', 'b c', 'd']],
    ['curly single quotes', 'a ‘b c’ d', ['a', 'b c', 'd']],
    ['curly open, straight close', 'a “b c" d', ['a', 'b c', 'd']],
    ['low-high German quotes', 'a „b c“ d', ['a', 'b c', 'd']],
    ['guillemets', 'a «b c» d', ['a', 'b c', 'd']],
    ['empty quotes', 'a "" b', ['a', '', 'b']],
    ['apostrophe inside a word', "can't stop", ["can't", 'stop']],
    ['curly apostrophe inside a word', 'can’t stop', ['can’t', 'stop']],
    ['apostrophe inside single quotes', "'don't panic'", ["don't panic"]],
    ['curly apostrophe inside curly quotes', '‘don’t panic’', ['don’t panic']],
    ['quote inside a word', 'say"hi"', ['say"hi"']],
    ['glued inner quotes kept', '"he said "ok"."', ['he said "ok".']],
    ['escaped double quote', '"a \\"b\\" c"', ['a "b" c']],
    ['escaped backslash', '"a\\\\b"', ['a\\b']],
    ['other backslashes literal', '"C:\\temp\\new"', ['C:\\temp\\new']],
    ['backslash literal in single quotes', "'a\\'", ['a\\']],
    ['flag with value', '--title=x', ['--title', 'x']],
    ['flag with quoted value', '--title="a b" c', ['--title', 'a b', 'c']],
    ['flag with curly quoted value', '--title=“a b”', ['--title', 'a b']],
    ['flag with empty value', '--title= x', ['--title', '', 'x']],
    ['equals in the value', '--title=a=b', ['--title', 'a=b']],
    ['equals in a plain word', 'a=b', ['a=b']],
    ['em dash flag', '—mine –page 2', ['--mine', '--page', '2']],
    ['em dash flag with value', '—page=2', ['--page', '2']],
    ['dash before a digit', '—5', ['—5']],
    ['Slack entities', 'A &amp; B &lt;x&gt;', ['A', '&', 'B', '<x>']],
    ['escaped entity stays literal', '&amp;lt;', ['&lt;']],
    ['emoji', '"🙂 ok" 🙂', ['🙂 ok', '🙂']],
    ['inner quotes of the outer kind', '“a “b” c”', ['a “b', 'c”']],
  ])('reads %s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('marks quoted and attached words', () => {
    const result = tokenize('--a "--b" --c=--d');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.details.map(({ text, quoted, attached }) => ({ text, quoted, attached }))).toEqual([
      { text: '--a', quoted: false, attached: false },
      { text: '--b', quoted: true, attached: false },
      { text: '--c', quoted: false, attached: false },
      { text: '--d', quoted: true, attached: true },
    ]);
  });

  it('records offsets in the unescaped line', () => {
    const result = tokenize('ab "c d"');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.details.map(({ start, end }) => [start, end])).toEqual([
      [0, 2],
      [3, 8],
    ]);
  });

  it('names an open double quote', () => {
    const { message, position } = failure('tickets get "12345');
    expect(position).toBe(13);
    expect(message).toContain('The double quote " opened at character 13 ("12345) is never closed');
    expect(message).toContain('write \\" for a quote inside it');
  });

  it('names an open single quote', () => {
    const { message, position } = failure("a 'b c");
    expect(position).toBe(3);
    expect(message).toContain("The single quote ' opened at character 3");
    expect(message).toContain('put the whole value in double quotes');
  });

  it('names the closer of a curly quote', () => {
    expect(failure('a “b').message).toContain('Add a closing ” after the value');
  });

  it('names the closer of a guillemet', () => {
    expect(failure('«b').message).toContain('The quote « opened at character 1');
  });

  it('points at a glued closing quote', () => {
    expect(failure('"abc"def').message).toContain('The " at character 5 is followed by "d"');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(failure('🙂🙂 "x').position).toBe(4);
  });

  it('shortens a long excerpt', () => {
    expect(failure(`"${'a'.repeat(40)}`).message).toContain(`("${'a'.repeat(23)}…)`);
  });

  it('counts after unescaping', () => {
    expect(failure('&amp; "x').position).toBe(3);
  });

  it('keeps an escaped quote open', () => {
    expect(failure('"abc\\"').message).toContain('opened at character 1');
  });
});

describe('unescapeSlackEntities', () => {
  it('undoes exactly three entities', () => {
    expect(unescapeSlackEntities('&amp; &lt; &gt; &quot; &#39;')).toBe('& < > &quot; &#39;');
  });
});

describe('tokensFromArgv', () => {
  it('splits --flag=value', () => {
    expect(tokensFromArgv(['--title=a b']).map(({ text, attached }) => [text, attached])).toEqual([
      ['--title', false],
      ['a b', true],
    ]);
  });

  it('treats words with spaces as quoted', () => {
    expect(tokensFromArgv(['--a b', '--c']).map(({ quoted }) => quoted)).toEqual([true, false]);
  });

  it('keeps quote characters', () => {
    expect(tokensFromArgv(['"x"']).map(({ text }) => text)).toEqual(['"x"']);
  });
});
