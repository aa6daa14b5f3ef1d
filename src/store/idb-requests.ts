/**
 * IndexedDB's requests and transactions as promises, on the platform's own
 * objects only: no global (`IDBRequest`, `IDBKeyRange`) is read, so a factory
 * passed as `environment.indexedDB` is enough in Node.
 */

/** A request's result; rejects with the request's own DOMException. */
export function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Resolves when the transaction commits, rejects when it aborts. Made when the
 * transaction is, since its end may come before anyone waits for it, and
 * marked as handled: an abort nobody waits for (the page closing, the
 * connection closed under it) is not an unhandled rejection in the page.
 */
export function committed(tx: IDBTransaction): Promise<void> {
  const end = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // `error` is null where the transaction was aborted on purpose.
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
  end.catch(() => undefined);
  return end;
}

/**
 * Walks a cursor, calling `visit` on each record in the same task as its
 * success event, so the transaction stays active. `visit` returns true to
 * stop, or a key to jump ahead to.
 */
export function walk(request: IDBRequest<IDBCursorWithValue | null>, visit: (cursor: IDBCursorWithValue) => true | number | void): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      const next = cursor && visit(cursor);
      if (!cursor || next === true) resolve();
      else cursor.continue(next as number | undefined);
    };
    request.onerror = () => reject(request.error);
  });
}
