/** The keys of an English table, every leaf a string: what the Chinese table must match. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
