// Types of bin/server-build.js (plain JavaScript, so it loads before any TypeScript).
export declare const SERVER_SRC: string;
export declare const SERVER_DIST: string;
export declare function sourcesStamp(src?: string): string;
export declare function stampFile(dist?: string): string;
export declare function currentServerBuild(dist?: string, src?: string): string | null;
