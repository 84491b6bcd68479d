// Types for test-services.mjs (plain JS so that the test runner needs no compiler to start).
export function freePort(): Promise<number>
export type PostgresService = {
  url: string
  port: number
  dataDir: string
  stopServer(): void
  startServer(): void
  stop(): void
}
export function startPostgres(): Promise<PostgresService | undefined>
export function findRedisServer(): string | undefined
export type RedisService = { url: string; port: number; binary: string; stop(): void }
export function startRedis(): Promise<RedisService | undefined>
