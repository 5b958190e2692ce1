export declare const BINARY: string;
export declare function ensureBinary(): Promise<string>;
export declare function startFerretDb(options?: { dataDir?: string; quiet?: boolean }): Promise<{ uri: string; port: number; pid: number; postgresUrl: string; stop: () => Promise<void>; down: () => Promise<void>; up: () => Promise<void> }>;
export declare function freePort(): Promise<number>;
