/** The look of every text field on the upload page. */
export const fieldClass =
  "mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base focus:border-brand focus:outline-none";
