import { type LoggerOptions, pino } from 'pino'
import type { Config } from '../config.ts'
import { logSerializers } from './log-serializers.ts'

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers["x-vapi-secret"]',
  'req.headers["x-signature"]',
  'req.headers["stripe-signature"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

/**
 * Readable lines (pino-pretty) for a person at a terminal in development; one JSON object per line
 * otherwise: in production, and whenever the output goes to a file or a log collector.
 */
export function loggerOptions(
  config: Pick<Config, 'env' | 'logLevel'>,
  { isTTY = process.stdout.isTTY === true }: { isTTY?: boolean } = {},
): LoggerOptions {
  const pretty = isTTY && config.env !== 'production'
  return {
    level: config.logLevel,
    redact: LOG_REDACT,
    serializers: logSerializers,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  }
}

/** The process's one logger: start.ts hands it to the services and to Fastify. */
export const createLogger = (config: Pick<Config, 'env' | 'logLevel'>) => pino(loggerOptions(config))
