// Types for tcp-proxy.mjs, so the TypeScript tests import it checked.
export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}
export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy>;
