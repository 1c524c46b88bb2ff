// Stub: the area's conversion fills this in (see tokens.ts for the shape).
export const repoOperations = {} as const;
