import { describe, expect, test } from 'vitest';
import type { Location } from '../../src/bms/index.ts';
import { orderLocationOptions } from '../../src/cache/index.ts';

function location(Id: number, Name: string, IsMain: boolean | null): Location {
  return { Id, Name, AccountId: 7, IsMain };
}

describe('location options', () => {
  test('main first, others by name', () => {
    const ordered = orderLocationOptions([
      location(72, 'Warehouse', false),
      location(73, 'Annex', null),
      location(71, 'Main Office', true),
      location(74, 'Ébéniste Workshop', false),
    ]);
    expect(ordered.map((item) => item.Id)).toEqual([71, 73, 74, 72]);
  });

  test('no main location', () => {
    const ordered = orderLocationOptions([location(2, 'Beta', false), location(1, 'Alpha', false)]);
    expect(ordered.map((item) => item.Id)).toEqual([1, 2]);
  });

  test('leaves the input alone', () => {
    const input = [location(2, 'Beta', false), location(1, 'Alpha', true)];
    orderLocationOptions(input);
    expect(input.map((item) => item.Id)).toEqual([2, 1]);
  });
});
