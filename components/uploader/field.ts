/** The look of every text field: focus shows as a 2 px ring outside the border, not only a border colour (WCAG 2.4.7). */
export const fieldClass =
  "mt-1 block w-full rounded-lg border border-zinc-400 bg-white px-3 py-2 text-base focus:border-brand focus:outline-2 focus:outline-offset-1 focus:outline-brand";
