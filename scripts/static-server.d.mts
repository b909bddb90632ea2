export interface StaticServer {
  origin: string;
  url(path: string): string;
  routes: Map<string, () => string>;
  close(): Promise<void>;
}
export function serveFolder(root: string, options?: { port?: number; routes?: Map<string, () => string> }): Promise<StaticServer>;
