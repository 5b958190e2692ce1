export declare const BINARY: string;
export declare function ensureBinary(): string;
export declare function startFerretDb(options?: { dataDir?: string; quiet?: boolean }): Promise<{ uri: string; port: number; pid: number; stop: () => Promise<void> }>;
export declare function freePort(): Promise<number>;
