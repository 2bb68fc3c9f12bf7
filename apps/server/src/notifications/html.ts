import escapeHtml from 'escape-html';

/**
 * HTML that is already safe to put in a page. Only the `html` template below makes one, so a value
 * typed by a user can reach an email's HTML only through escapeHtml.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  // escape-html (the one Express uses) escapes & < > " ' — enough for text and quoted attributes.
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML mail: every interpolated value is escaped unless it is itself the result
 * of `html`, so escaping is the default and forgetting it is impossible.
 *
 *     html`<p>${user.name} asks for access</p>`
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}
