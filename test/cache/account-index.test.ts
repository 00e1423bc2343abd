import { describe, expect, test } from 'vitest';
import type { Account } from '../../src/bms/index.ts';
import { AccountIndex, MAX_SEARCH_RESULTS } from '../../src/cache/account-index.ts';

function indexOf(...names: string[]): AccountIndex {
  return new AccountIndex(names.map((name, position) => ({ Id: position + 1, Name: name, IsActive: true })));
}

function names(accounts: Account[]): string[] {
  return accounts.map((account) => account.Name);
}

describe('account search', () => {
  test('shorter look-alike names first', () => {
    const index = indexOf('Contoso (old)', 'Contoso Ltd', 'Contoso', 'Fabrikam');
    expect(names(index.search('cont'))).toEqual(['Contoso', 'Contoso Ltd', 'Contoso (old)']);
  });

  test('ignores case and accents', () => {
    const index = indexOf('Café Déjà Vu', 'Müller & Söhne GmbH', 'Ørsted Ålesund AS');
    expect(names(index.search('cafe'))).toEqual(['Café Déjà Vu']);
    expect(names(index.search('DEJA'))).toEqual(['Café Déjà Vu']);
    expect(names(index.search('muller'))).toEqual(['Müller & Söhne GmbH']);
    expect(names(index.search('CAFÉ'))).toEqual(['Café Déjà Vu']);
  });

  test('word prefix beats substring', () => {
    // The longest name ranks first because only there "mat" starts a word.
    const index = indexOf('Automatic', 'Matrix Mattresses Ltd', 'Sommat');
    expect(names(index.search('mat'))).toEqual(['Matrix Mattresses Ltd', 'Sommat', 'Automatic']);
  });

  test('later word-start hit in one name', () => {
    // The first hit of "mac" is inside "Tomac"; the second starts a word.
    const index = indexOf('Tomac Mac Repairs', 'Imacs');
    expect(names(index.search('mac'))).toEqual(['Tomac Mac Repairs', 'Imacs']);
  });

  test('words after punctuation start words', () => {
    const index = indexOf('Contoso (old)', 'Bold Ltd', 'Schmidt-Oldenburg');
    expect(names(index.search('old'))).toEqual(['Contoso (old)', 'Schmidt-Oldenburg', 'Bold Ltd']);
  });

  test('same length sorts alphabetically', () => {
    const index = indexOf('Beta Co', 'Alfa Co', 'Gama Co');
    expect(names(index.search('co'))).toEqual(['Alfa Co', 'Beta Co', 'Gama Co']);
  });

  test('phrase of several words', () => {
    const index = indexOf('Muller Plumbing', 'Plumbing by Muller', 'Muller Roofing');
    expect(names(index.search('muller plumb'))).toEqual(['Muller Plumbing', 'Plumbing by Muller']);
    // Neither name contains this phrase, so both match by their words, the shorter first.
    expect(names(index.search('plumbing muller'))).toEqual(['Muller Plumbing', 'Plumbing by Muller']);
    expect(names(index.search('roofing plumbing'))).toEqual([]);
  });

  test('no match', () => {
    expect(index20().search('zzz')).toEqual([]);
  });

  test('empty query lists alphabetically', () => {
    const index = indexOf('Delta', 'alpha', 'Charlie', 'Bravo');
    expect(names(index.search(''))).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(names(index.search('   ', 2))).toEqual(['alpha', 'Bravo']);
  });

  test('limit and its cap', () => {
    const accounts = Array.from({ length: 250 }, (_, position) => ({
      Id: position + 1,
      Name: `Client ${String(position).padStart(3, '0')}`,
    }));
    const index = new AccountIndex(accounts);
    expect(index.search('client', 10)).toHaveLength(10);
    expect(index.search('client', 1000)).toHaveLength(MAX_SEARCH_RESULTS);
    expect(index.search('', 1000)).toHaveLength(MAX_SEARCH_RESULTS);
    expect(index.search('client', 0)).toEqual([]);
    expect(names(index.search('client', 3))).toEqual(['Client 000', 'Client 001', 'Client 002']);
  });

  test('top-k keeps the best, not the first', () => {
    // 150 long names come alphabetically before the one short name; the short one must still rank first.
    const accounts = Array.from({ length: 150 }, (_, position) => ({
      Id: position + 1,
      Name: `Aaa Service ${String(position).padStart(3, '0')}`,
    }));
    accounts.push({ Id: 999, Name: 'Zed Service' });
    const index = new AccountIndex(accounts);
    const found = index.search('service', 100);
    expect(found).toHaveLength(100);
    expect(found[0]?.Name).toBe('Zed Service');
    expect(found[1]?.Name).toBe('Aaa Service 000');
    expect(found[99]?.Name).toBe('Aaa Service 098');
  });

  test('keeps id, name and IsActive', () => {
    const index = new AccountIndex([
      { Id: 7, Name: 'Zeta Ltd', IsActive: false },
      { Id: 3, Name: 'Alpha & Co', IsActive: true },
      { Id: 5, Name: 'Mu' },
    ]);
    expect(index.accounts).toEqual([
      { Id: 3, Name: 'Alpha & Co', IsActive: true },
      { Id: 5, Name: 'Mu' },
      { Id: 7, Name: 'Zeta Ltd', IsActive: false },
    ]);
    expect(index.byId(7)).toEqual({ Id: 7, Name: 'Zeta Ltd', IsActive: false });
    expect(index.byId(8)).toBeUndefined();
    expect(index.size).toBe(3);
  });

  test('word start after a non-ASCII letter', () => {
    const index = indexOf('Ørsted', 'Xørsted', '😀Rsted', 'Ωmega', 'Aωmega');
    expect(names(index.search('rsted'))).toEqual(['😀Rsted', 'Ørsted', 'Xørsted']);
    expect(names(index.search('mega'))).toEqual(['Ωmega', 'Aωmega']);
  });

  test('repeated query words', () => {
    const index = indexOf('Blue Yonder', 'Yonder Blue Ltd', 'Blue Sky');
    expect(names(index.search('yonder blue blue'))).toEqual(['Blue Yonder', 'Yonder Blue Ltd']);
  });

  test('repeated searches give equal answers', () => {
    const index = index20();
    const first = names(index.search('a'));
    index.search('e', 5);
    expect(names(index.search('a'))).toEqual(first);
  });
});

function index20(): AccountIndex {
  return indexOf(...Array.from({ length: 20 }, (_, position) => `Account ${position} Ltd`));
}
