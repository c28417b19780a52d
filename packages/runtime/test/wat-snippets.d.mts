export declare const REALLOC: string;
export declare const REVERSE: string;
export declare const SUM_U32: string;
export declare const SCALE: string;
export declare const BUMP: string;
export declare const NEXT_COLOR: string;
export declare const COUNTER: string;
