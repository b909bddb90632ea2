export declare const REPO_ROOT: string;
export declare const READABILITY_DIR: string;
export declare const FIXTURES_DIR: string;
export declare const ANCHORING_DIR: string;
export declare const TRAFILATURA_DIR: string;
