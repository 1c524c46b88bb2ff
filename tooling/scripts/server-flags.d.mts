/** Node flags the server runs with (see server-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
