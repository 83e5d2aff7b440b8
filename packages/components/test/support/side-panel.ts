/** An element laid out in a host's narrow side panel, and where its labels and values land. */
import { fixture, html } from '@open-wc/testing';
import { $$, text } from './dom.js';

/** Renders `content` in a panel `width` px wide, as a side panel of a host system would. */
export const inPanel = async <T extends Element>(
  content: unknown,
  tag: string,
  width: number,
): Promise<{ panel: HTMLDivElement; element: T }> => {
  const panel = await fixture<HTMLDivElement>(html`<div>${content}</div>`);
  panel.style.inlineSize = `${width}px`;
  const element = panel.querySelector(tag) as unknown as T;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { panel, element };
};

/** Where each label on screen and its value were laid out (labels in a closed disclosure are not on screen). */
export const factBoxes = (element: Element) =>
  $$(element, '.facts dt')
    .filter((label) => label.getBoundingClientRect().width > 0)
    .map((label) => {
      const value = label.nextElementSibling as HTMLElement;
      const [l, v] = [label.getBoundingClientRect(), value.getBoundingClientRect()];
      return { label: text(label), labelLeft: l.left, labelBottom: l.bottom, valueLeft: v.left, valueTop: v.top };
    });
