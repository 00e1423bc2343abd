import { randomBytes } from 'node:crypto';

// `npm run keygen`: prints a fresh 32-byte vault key. The key goes to stdout alone, so that
// `npm run -s keygen > file` captures only the key; the hint goes to stderr.
process.stdout.write(`${randomBytes(32).toString('base64')}\n`);
process.stderr.write(
  'Set BMS_VAULT_KEY to this key (in .env or your secret store). When replacing a key, move the old one to BMS_VAULT_OLD_KEYS.\n',
);
