import { describe, expect, it } from 'vitest';
import { closestWords, didYouMean, editDistance } from '../../src/grammar/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['tickets', 'tickets', 0],
    ['tikets', 'tickets', 1],
    ['tikcets', 'tickets', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s to %s is %i', (left, right, distance) => {
    expect(editDistance(left, right)).toBe(distance);
  });
});

describe('closestWords', () => {
  const commands = ['ticket', 'tickets', 'notes', 'note', 'accounts'];

  it('prefers the fewest edits', () => {
    expect(closestWords('tikets', commands)).toEqual(['tickets']);
  });

  it('lists every word a prefix starts', () => {
    expect(closestWords('tick', commands)).toEqual(['ticket', 'tickets']);
  });

  it('ignores case', () => {
    expect(closestWords('NOTS', commands)).toEqual(['notes', 'note']);
  });

  it('returns nothing for a distant word', () => {
    expect(closestWords('xyzzy', commands)).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('joins several choices with or', () => {
    expect(didYouMean('tick', ['ticket', 'tickets'], '--')).toBe(' Did you mean "--ticket" or "--tickets"?');
  });

  it('is empty without a choice', () => {
    expect(didYouMean('xyzzy', ['ticket'])).toBe('');
  });
});
