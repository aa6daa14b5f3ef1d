import { decodeModel, type Model } from './format';

/** Where a model comes from: its URL, its bytes, or one already loaded. */
export type ModelSource = string | URL | ArrayBuffer | ArrayBufferView | Model;

/** One fetch per URL per page: instances and slots share the decoded model. */
const loading = new Map<string, Promise<Model>>();

/** A model already decoded (by {@link loadModel}), rather than bytes or a URL. */
export const isModel = (source: unknown): source is Model =>
  typeof source === 'object' && source !== null && (source as Model).index instanceof Map && (source as Model).popularity instanceof Float32Array;

/**
 * Loads the site's model file. The request is the same for every visitor: no
 * credentials, no referrer, nothing added to the URL. The browser's HTTP cache
 * keeps and revalidates the file as the site's Cache-Control and ETag say.
 * Rejects with a TypeError saying what was wrong with a file that is not a
 * usable model.
 */
export function loadModel(source: ModelSource): Promise<Model> {
  if (isModel(source)) return Promise.resolve(source);
  if (typeof source !== 'string' && !(source instanceof URL)) return Promise.resolve().then(() => decodeModel(source));
  const url = String(source);
  let model = loading.get(url);
  if (!model) {
    model = fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' }).then(async (response) => {
      if (!response.ok) throw new TypeError(`[attune] model ${url}: HTTP ${response.status}`);
      return decodeModel(await response.arrayBuffer());
    });
    // A failed load is tried again by the next instance, not remembered.
    model.catch(() => loading.delete(url));
    loading.set(url, model);
  }
  return model;
}
