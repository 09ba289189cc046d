/** Hono environment of the API: the Worker bindings. */
export type AppEnv = { Bindings: Env };
