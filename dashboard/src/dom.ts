/** A small helper to build elements, so views read as the markup they make. */
type Child = Node | string | null | undefined | false;

export function el<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** A short paragraph saying there is nothing to draw, in place of empty axes. */
export function emptyNote(text: string): HTMLParagraphElement {
  return el('p', { class: 'empty' }, text);
}
