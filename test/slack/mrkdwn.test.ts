import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, slackTextToPlain } from '../../src/slack/mrkdwn.ts';

const names: Record<string, string> = { U0JANE0001: 'Jane Doe', U0MAX00001: '@max' };
const resolveUser = (userId: string) => names[userId];
const plain = (text: string) => slackTextToPlain(text, resolveUser);

describe('escapeMrkdwn', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('Tom & Jerry <b>')).toBe('Tom &amp; Jerry &lt;b&gt;');
  });

  it('defuses live syntax', () => {
    expect(escapeMrkdwn('<!channel> <@U1> <https://evil.example|click here>')).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;https://evil.example|click here&gt;',
    );
  });

  it('leaves formatting and quotes alone', () => {
    expect(escapeMrkdwn('*bold* _it_ "quoted" \'single\'')).toBe('*bold* _it_ "quoted" \'single\'');
  });

  it('escapes an existing entity again', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('slackTextToPlain', () => {
  it('unescapes entities', async () => {
    expect(await plain('Tom &amp; Jerry &lt;b&gt;')).toBe('Tom & Jerry <b>');
  });

  it('keeps escaped syntax literal', async () => {
    expect(await plain('&lt;@U0JANE0001&gt;')).toBe('<@U0JANE0001>');
  });

  it('resolves user mentions', async () => {
    expect(await plain('ask <@U0JANE0001> and <@U0MAX00001>')).toBe('ask @Jane Doe and @max');
  });

  it('falls back to label or id for unknown users', async () => {
    expect(await plain('<@U0BOB00001|bob> <@U0NOBODY01>')).toBe('@bob @U0NOBODY01');
  });

  it('resolves channels', async () => {
    expect(await plain('see <#C0GENERAL1|general> and <#C0OTHER001>')).toBe('see #general and #C0OTHER001');
  });

  it('unwraps labelled links', async () => {
    expect(await plain('<https://x.example/a_b|the doc>')).toBe('the doc (https://x.example/a_b)');
  });

  it('unwraps bare links and mailto', async () => {
    expect(await plain('<https://x.example> <mailto:jane@x.example|jane@x.example>')).toBe(
      'https://x.example jane@x.example',
    );
  });

  it('spells out special mentions', async () => {
    expect(await plain('<!here> <!channel> <!subteam^S1|@oncall>')).toBe('@here @channel @oncall');
  });

  it('strips formatting markers', async () => {
    expect(await plain('*bold* _it_ ~strike~ `code`')).toBe('bold it strike code');
  });

  it('strips nested markers', async () => {
    expect(await plain('*_both_* and _*both*_')).toBe('both and both');
  });

  it('keeps markers inside words and code', async () => {
    expect(await plain('snake_case_name 2*3*4 `a*b*c` ```x _y_ z```')).toBe(
      'snake_case_name 2*3*4 a*b*c x _y_ z',
    );
  });

  it('keeps multi-line text', async () => {
    expect(await plain('line one\n&gt; quoted *line*')).toBe('line one\n> quoted line');
  });
});
