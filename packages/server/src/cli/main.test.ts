import { describe, expect, it } from 'vitest'
import { COMMANDS } from './main.ts'
import { runHere } from './test-cli.ts'

describe('the command line: help and usage', () => {
  it.each(COMMANDS.map((command) => [command.name]))(
    '%s --help prints its usage and help, exit 0',
    async (name) => {
      const { code, stdout, stderr } = await runHere([...name.split(' '), '--help'])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      expect(stdout).toMatch(new RegExp(`^usage: portmanat-checkout ${name}( |\\n)`))
      expect(stdout.split('\n').length).toBeGreaterThan(3)
    },
  )

  it('help <command> is the same as <command> --help, and -h too', async () => {
    const a = await runHere(['help', 'orders', 'recheck'])
    const b = await runHere(['orders', 'recheck', '--help'])
    const c = await runHere(['orders', 'recheck', 'abc', '-h'])
    expect(a).toEqual(b)
    expect(c).toEqual(b)
  })

  it('--help after -- is an argument, not a request for help', async () => {
    const { code, stderr } = await runHere(['webhook-secret', '--', '--help'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      'portmanat-checkout webhook-secret: unexpected argument: --help\nusage: portmanat-checkout webhook-secret\n',
    )
  })

  it('a group alone lists its commands (exit 2: a command is missing); with --help exit 0', async () => {
    const alone = await runHere(['events'])
    expect(alone.code).toBe(2)
    expect(alone.stdout).toBe('')
    expect(alone.stderr).toContain('events list ')
    expect(alone.stderr).toContain('events replay ')
    const help = await runHere(['events', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toBe(alone.stderr)
  })

  it.each([
    [['orders', 'refund'], 'portmanat-checkout: unknown command: orders refund\n'],
    [['orders', 'list', '--colour'], "portmanat-checkout orders list: unknown option '--colour'\n"],
    [['orders', 'list', 'paid'], 'portmanat-checkout orders list: unexpected argument: paid\n'],
    [['orders', 'show'], 'portmanat-checkout orders show: an argument is missing\n'],
    [['orders', 'list', '--status', 'paid,sent'], 'portmanat-checkout orders list: --status takes created'],
    [['orders', 'list', '--since', 'yesterday'], 'portmanat-checkout orders list: --since takes a day'],
    [['orders', 'list', '--limit', '0'], 'portmanat-checkout orders list: --limit takes a whole number'],
    [['events', 'list', '--channel', 'sms'], 'portmanat-checkout events list: --channel takes webhook'],
    [
      ['events', 'list', '--dead', '--status', 'pending'],
      'portmanat-checkout events list: --dead is --status dead',
    ],
    [
      ['events', 'replay', 'msg_1', '--timeout', '5'],
      'portmanat-checkout events replay: --timeout goes with --wait',
    ],
  ])('%j is a usage error: exit 2, stderr only', async (argv, start) => {
    const { code, stdout, stderr } = await runHere(argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.startsWith(start)).toBe(true)
  })

  it('a bad variable is the one line the server prints, exit 1', async () => {
    const { code, stdout, stderr } = await runHere(['orders', 'list'], { env: { LOG_LEVEL: 'loud' } })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'Invalid configuration: LOG_LEVEL must be debug, info, warn, error or silent (got "loud")\n',
    )
  })

  it('a database URL that cannot be opened is one line that hides its password, exit 1', async () => {
    const { code, stderr } = await runHere(['orders', 'list'], {
      env: { PORTMANAT_MODE: 'sandbox', DATABASE_URL: 'postgres://shop:hunter2-secret@127.0.0.1:1/ledger' },
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^portmanat-checkout orders list: .*ECONNREFUSED/)
    expect(stderr).not.toContain('hunter2')
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  it.each([
    ['postgres://shop:hunter2@x@db/pay', 'postgres://shop:***@db/pay'],
    ['postgres://shop:hunter2 x@db/pay', 'postgres://shop:***@db/pay'],
    ['postgres://db/pay?password=hunter2&user=shop', 'postgres://db/pay?password=***&user=shop'],
  ])('an error that quotes %s shows it as %s', async (url, shown) => {
    const { code, stderr } = await runHere(['orders', 'list'], {
      openStore: async () => {
        throw new Error(`cannot reach ${url} (refused)`)
      },
    })
    expect(code).toBe(1)
    expect(stderr).toBe(`portmanat-checkout orders list: cannot reach ${shown} (refused)\n`)
  })
})
