// `npm run cli -- <command>`: restaurants list | import <file> | export <id>, ask <number> "<question>",
// index status. Runs the application's own routes with the operator key: in this process on the
// database the environment configures (DATABASE_URL, else the embedded one in DATA_DIR), or on a
// running server with --url and --key. Exit codes: 0 done, 1 refused (the message says why),
// 2 wrong usage or unreadable input, 3 the database or server cannot be reached.
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { Command, CommanderError, Option } from 'commander'
import { ConfigError } from '../config.ts'
import { TOOL_NAMES } from '../modules/vapi/assistant-config.ts'
import { type ApiClient, type ApiResponse, openLocalClient, openRemoteClient, UnreachableError } from './cli-client.ts'
import { askText, indexTable, restaurantsTable } from './cli-output.ts'

const EXIT = { refused: 1, usage: 2, unreachable: 3 } as const

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message)
  }
}

type GlobalOptions = { url?: string; key?: string; json?: boolean }

function clientFor(options: GlobalOptions): Promise<ApiClient> | ApiClient {
  if (!options.url) return openLocalClient()
  const key = options.key ?? process.env.ADMIN_API_KEY
  if (!key) throw new CliError('--url needs the operator key: --key <key> or ADMIN_API_KEY', EXIT.usage)
  return openRemoteClient({ url: options.url, key })
}

/** The body of a 2xx answer; any other status ends the command with the server's own message. */
function expectOk(response: ApiResponse): any {
  if (response.status >= 200 && response.status < 300) return response.body
  const error = response.body?.error
  const details = Array.isArray(error?.details)
    ? error.details
        .map((d: { field?: string; problem?: string }) => `\n  ${d.field ?? ''}: ${d.problem ?? ''}`)
        .join('')
    : ''
  throw new CliError(`${response.status}: ${error?.message ?? 'request failed'}${details}`, EXIT.refused)
}

/** Runs one command with a client, printing JSON with --json, else its human form. */
function action<A extends unknown[]>(run: (client: ApiClient, ...args: A) => Promise<{ json: unknown; text: string }>) {
  return async (...args: A) => {
    const command = args.at(-1) as Command
    const options = command.optsWithGlobals<GlobalOptions>()
    const client = await clientFor(options)
    try {
      const { json, text } = await run(client, ...args)
      process.stdout.write(`${options.json ? JSON.stringify(json, null, 2) : text}\n`)
    } finally {
      await client.close()
    }
  }
}

async function listRestaurants(client: ApiClient) {
  const all: any[] = []
  for (let offset = 0; ; offset += 200) {
    const page = expectOk(await client.request('GET', `/api/restaurants?limit=200&offset=${offset}`))
    all.push(...page.data)
    if (all.length >= page.total || page.data.length === 0) break
  }
  return { json: all, text: restaurantsTable(all) }
}

async function importRestaurant(client: ApiClient, file: string) {
  let bundle: unknown
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage)
  }
  const created = expectOk(await client.request('POST', '/api/restaurants', bundle))
  const text = [
    `created ${created.name} (${created.id})`,
    `phone numbers: ${created.phone_numbers.join(', ') || '-'}`,
    `api key (shown once): ${created.api_key}`,
  ].join('\n')
  return { json: created, text }
}

async function exportRestaurant(client: ApiClient, id: string) {
  const bundle = expectOk(await client.request('GET', `/api/restaurants/${encodeURIComponent(id)}/export`))
  return { json: bundle, text: JSON.stringify(bundle, null, 2) }
}

async function ask(client: ApiClient, number: string, question: string, options: { tool?: string }) {
  const answer = expectOk(await client.request('POST', '/api/tools/ask', { number, question, tool: options.tool }))
  // The assistant would hear the error; the command still reports it as a failure.
  if (answer.error !== undefined) process.exitCode = EXIT.refused
  return { json: answer, text: askText(answer) }
}

async function indexStatus(client: ApiClient) {
  const status = expectOk(await client.request('GET', '/api/embeddings/status'))
  return { json: status, text: indexTable(status) }
}

function buildProgram(): Command {
  const program = new Command('npm run cli --')
    .description('Operate the restaurant voice backend from a terminal.')
    .option('--url <url>', 'a running server (default: this process, on the database the environment configures)')
    .option('--key <key>', 'the operator key for --url (default: ADMIN_API_KEY)')
    .option('--json', 'print JSON instead of text')
    .showHelpAfterError()
    .exitOverride()

  const restaurants = program.command('restaurants').description('list, import and export restaurants')
  restaurants.command('list').description('every restaurant: id, name, phone numbers').action(action(listRestaurants))
  restaurants
    .command('import')
    .description('create a restaurant from a bundle (JSON file); indexed before it returns')
    .argument('<file>', 'a restaurant bundle, as POST /api/restaurants takes it')
    .action(action(importRestaurant))
  restaurants
    .command('export')
    .description('print a restaurant as a bundle (JSON)')
    .argument('<id>', 'the restaurant id')
    .action(action(exportRestaurant))

  program
    .command('ask')
    .description('what the assistant would be told: the tool, its exact result and the items it used')
    .argument('<number>', 'the dialled number, e.g. +12125550101')
    .argument('<question>', "the caller's question")
    .addOption(new Option('--tool <name>', 'the tool to call (default: chosen from the question)').choices(TOOL_NAMES))
    .action(action(ask))

  const index = program.command('index').description('the search index')
  index
    .command('status')
    .description('documents, embedded and pending, per embedding model')
    .action(action(indexStatus))

  return program
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    if (argv.length === 0) {
      program.outputHelp()
      return EXIT.usage
    }
    await program.parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? 0)
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help exits 0; anything else is a usage error commander has printed already.
      return error.exitCode === 0 ? 0 : EXIT.usage
    }
    const code =
      error instanceof CliError
        ? error.exitCode
        : error instanceof UnreachableError
          ? EXIT.unreachable
          : error instanceof ConfigError
            ? EXIT.usage
            : EXIT.refused
    process.stderr.write(`error: ${(error as Error).message}\n`)
    return code
  }
}

process.exitCode = await main(process.argv.slice(2))
// Everything is closed by now; a handle something left open must not keep the terminal waiting.
setTimeout(() => process.exit(), 5_000).unref()
