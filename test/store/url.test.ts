import { describe, expect, it } from 'vitest';
import { openStore, StoreUrlError } from '../../src/store.ts';

describe('openStore URL', () => {
  it('unknown scheme names accepted forms', async () => {
    const failure = openStore('mysql://admin:hunter2@db.example/bms');
    await expect(failure).rejects.toThrow(StoreUrlError);
    await expect(failure).rejects.toThrow(/Unsupported store URL scheme "mysql:\/\/"/);
    await expect(failure).rejects.toThrow(/sqlite:\/\/PATH.*redis:\/\/HOST:PORT.*postgres:\/\//);
  });

  it('unknown scheme hides credentials', async () => {
    await expect(openStore('mysql://admin:hunter2@db.example/bms')).rejects.not.toThrow(/hunter2/);
  });

  it('no scheme', async () => {
    await expect(openStore('data/bms-slack.sqlite')).rejects.toThrow(/not of a supported form/);
  });

  it('sqlite without path', async () => {
    await expect(openStore('sqlite://')).rejects.toThrow(/has no path/);
  });
});
