import { describe, expect, it } from 'vitest';
import { decisionContent } from './decision-content.js';
import { levelRequestContent } from './level-request-content.js';

const evil = '<script>alert(1)</script>';
const request = {
  id: '6f1c9a52-3d8e-4a51-9b7e-1b2c3d4e5f60',
  requestedRole: 'power' as const,
  reason: `I maintain the <b>wiki</b> & need "direct" edits`,
  createdAt: new Date('2026-11-26T10:15:00Z'),
};

describe('level request notification content', () => {
  const content = levelRequestContent(
    { request, user: { name: 'Ada Lovelace', email: 'ada@example.com' } },
    { appUrl: 'https://rolegate.example/', subjectPrefix: '[Rolegate] ' },
  );

  it('has the prefixed subject naming the person and the level', () => {
    expect(content.subject).toBe('[Rolegate] Ada Lovelace asks for power access');
  });

  it('names person, email, level, reason, time and link in the text part', () => {
    for (const part of [
      'Ada Lovelace',
      'ada@example.com',
      'Power',
      request.reason,
      '2026-11-26T10:15:00.000Z',
      '26 November 2026 at 10:15:00 UTC',
      'https://rolegate.example/admin/requests/6f1c9a52-3d8e-4a51-9b7e-1b2c3d4e5f60',
    ]) {
      expect(content.text).toContain(part);
    }
  });

  it('escapes the reason and the name in the HTML part', () => {
    const hostile = levelRequestContent(
      { request, user: { name: evil, email: 'x@example.com' } },
      { appUrl: 'http://localhost:3000', subjectPrefix: '' },
    );
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.html).toContain(
      'I maintain the &lt;b&gt;wiki&lt;/b&gt; &amp; need &quot;direct&quot;',
    );
    expect(hostile.html).toContain('href="http://localhost:3000/admin/requests/6f1c9a52');
  });

  it('says when no reason was given', () => {
    const none = levelRequestContent(
      { request: { ...request, reason: null }, user: { name: 'A', email: 'a@example.com' } },
      { appUrl: 'http://localhost:3000', subjectPrefix: '' },
    );
    expect(none.text).toContain('Reason: (none given)');
  });
});

describe('decision notification content', () => {
  const user = { name: evil, email: 'ada@example.com' };

  it('tells the person they now have the level', () => {
    const content = decisionContent(
      { request, user, decision: 'approved' },
      { appUrl: 'http://localhost:3000' },
    );
    expect(content.subject).toBe('You now have power access');
    expect(content.html).not.toContain('<script>');
  });

  it('gives the reason for a denial, escaped in HTML', () => {
    const content = decisionContent(
      { request, user, decision: 'denied', denyReason: 'Ask <your> lead first' },
      { appUrl: 'http://localhost:3000' },
    );
    expect(content.subject).toBe('Your request for power access was declined');
    expect(content.text).toContain('Their reason: Ask <your> lead first');
    expect(content.html).toContain('Ask &lt;your&gt; lead first');
    expect(content.html).not.toContain('<script>');
  });
});
