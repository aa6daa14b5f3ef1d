import type { AttuneModel } from '../types';
import { decodeModel, isModel, type Model } from './format';

/** Where a model comes from: its URL, its bytes, or one already loaded. */
export type ModelSource = string | URL | ArrayBuffer | ArrayBufferView | AttuneModel;

/** One fetch per URL per page: instances and slots share the decoded model. */
const loading = new Map<string, Promise<Model>>();

// Typed with a model's public name, AttuneModel, so a site's own declarations that infer one can name it.
/**
 * Loads the site's model file: from its URL, from its bytes, or (given one)
 * returns a model loaded before, so instances can share it.
 *
 * The request is the same for every visitor: no credentials, no referrer,
 * nothing added to the URL. The browser's HTTP cache keeps and revalidates the
 * file as the site's Cache-Control and ETag say.
 *
 * @returns the decoded model; rejects with a TypeError that says what is wrong
 * with a file that is not a usable model (not one, another version, truncated,
 * corrupt), or with the HTTP status of a failed request.
 * @example
 * ```ts
 * const model = await loadModel('/model.bin');
 * const attune = await createAttune({ model });
 * ```
 */
export function loadModel(source: ModelSource): Promise<AttuneModel> {
  if (isModel(source)) return Promise.resolve(source);
  if (typeof source !== 'string' && !(source instanceof URL)) return Promise.resolve().then(() => decodeModel(source));
  // Keyed by the resolved address: in a single-page app, "model.bin" means another file after a route change.
  let url: string;
  try {
    url = new URL(source, globalThis.document?.baseURI).href;
  } catch {
    return Promise.reject(new TypeError(`[attune] model ${String(source)}: not a URL`));
  }
  let model = loading.get(url);
  if (!model) {
    model = Promise.resolve().then(async () => {
      // A global part inlined in the page is read where it is: no request at all, and none for connect-src to allow.
      if (url.startsWith('data:')) return decodeModel(dataUrlBytes(url));
      const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
      if (!response.ok) throw new TypeError(`[attune] model ${url}: HTTP ${response.status}`);
      return decodeModel(await response.arrayBuffer());
    });
    // A failed load is tried again by the next instance, not remembered.
    model.catch(() => loading.delete(url));
    loading.set(url, model);
  }
  return model;
}

/** The bytes of a base64 `data:` URL (RFC 2397), as `attune build-model --global-out` files are inlined. */
function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  if (!/;base64$/i.test(url.slice(0, comma))) throw new TypeError('[attune] model data: URL must be base64');
  let binary: string;
  try {
    binary = atob(decodeURIComponent(url.slice(comma + 1)));
  } catch {
    throw new TypeError('[attune] model data: URL is not base64');
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
