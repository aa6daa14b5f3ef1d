import type { Candidate } from 'attune';

/** A front page for the React and Vue bindings' tests, in the site's order. */
export const STORIES: (Candidate & { title: string })[] = [
  { id: 'golf', title: 'Golf', features: ['topic:golf'] },
  { id: 'recipe', title: 'Bread', features: ['topic:cooking'] },
  { id: 'science', title: 'Stars', features: ['topic:science'] },
  { id: 'tennis', title: 'Tennis', features: ['topic:tennis'] },
];
export const SITE_ORDER = STORIES.map(({ id }) => id);

/** Lets the instance tell its listeners, after the task that changed the profile. */
export const told = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The ids of the items as the page shows them, in document order. */
export const shown = (root: ParentNode = document) => [...root.querySelectorAll('[data-attune-item]')].map((element) => element.getAttribute('data-attune-item'));
