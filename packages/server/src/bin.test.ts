import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folder, runChild } from './cli/test-cli.ts'

const VERSION: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version

describe('portmanat-checkout (the bin, as a child process)', () => {
  it('--version prints the package version', async () => {
    expect(await runChild(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('--help lists every command on stdout', async () => {
    const { code, stdout, stderr } = await runChild(['--help'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^usage: portmanat-checkout \[command\] \[options\]/)
    for (const name of [
      'serve',
      'orders list',
      'orders show',
      'orders recheck',
      'orders export',
      'events list',
    ]) {
      expect(stdout).toContain(`  ${name} `)
    }
    expect(stdout).toMatch(/Exit codes: 0 ok; 1 failed .*; 2 the command line is wrong/)
  })

  it.each([
    [['refund'], /^portmanat-checkout: unknown command: refund\n/],
    [
      ['serve', '--port=1'],
      /^portmanat-checkout serve: unknown option '--port'\nusage: portmanat-checkout serve\n$/,
    ],
    [['orders'], /^usage: portmanat-checkout orders <command>\n/],
    [
      ['orders', 'list', '--limit'],
      /^portmanat-checkout orders list: option '--limit <value>' argument missing\n/,
    ],
  ])('%j: what is wrong on stderr, nothing on stdout, exit 2', async (args, why) => {
    const { code, stdout, stderr } = await runChild(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(why)
  })

  it.each([[[]], [['serve']]])('%j runs serve, which reads the configuration', async (args) => {
    const { code, stderr } = await runChild(args, { env: { PORT: 'abc' } })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^Invalid configuration: PORT /)
  })

  it('a command reads .env in the working folder like the server: a bad variable is one line, exit 1', async () => {
    const cwd = folder()
    writeFileSync(join(cwd, '.env'), 'PORTMANAT_SECRET_KEY=the-secret-that-must-not-print\n')
    const { code, stdout, stderr } = await runChild(['orders', 'list'], { cwd })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'Invalid configuration: PORTMANAT_SERVICE_ID is missing: set both PORTMANAT_SERVICE_ID and PORTMANAT_SECRET_KEY for live mode, or PORTMANAT_MODE=sandbox\n',
    )
  })

  it('a command needing the database says where it looked when there is none, and creates nothing', async () => {
    const cwd = folder()
    const { code, stdout, stderr } = await runChild(['orders', 'list'], { cwd })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`there is no database at ${join(cwd, 'data', 'payments.db')}`)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(join(cwd, 'data'))).toBe(false)
  })
})
