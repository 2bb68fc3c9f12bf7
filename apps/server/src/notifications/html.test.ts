import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html template', () => {
  it('escapes every interpolated string', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p>${name}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });

  it('keeps nested html fragments as they are, escaping only their values', () => {
    const inner = html`<em>${'<b>'}</em>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><em>&lt;b&gt;</em></p>');
  });

  it('renders lists, numbers and empty values', () => {
    expect(html`${['<a>', html`<br>`]}|${3}|${null}|${undefined}`.value).toBe('&lt;a&gt;<br>|3||');
  });
});
