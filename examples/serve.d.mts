/** The demo's static server, serving the repository root. */
export interface StaticServer {
  /** The server's origin, such as `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the server; port 0 picks a free one; `cacheDist` lets the browser keep dist/'s files for an hour, as a site serves its script tag. */
export function startServer(options?: { port?: number; host?: string; cacheDist?: boolean }): Promise<StaticServer>;

/** The content type the server sends for each file extension. */
export const contentTypes: Record<string, string>;
