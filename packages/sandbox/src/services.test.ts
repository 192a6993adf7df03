import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_SERVICE, loadServicesFile, parseServices } from './services.ts'

const SECRET = 'top-secret-value-123'
const service = {
  service_id: '300003',
  secret: SECRET,
  title: 'Shop',
  callback_url: 'https://shop.example/cb',
}

const fileWith = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sandbox-services-')), 'services.json')
  writeFileSync(path, content)
  return path
}

describe('parseServices', () => {
  it('fills in GET and test mode', () => {
    expect(parseServices([service])).toEqual([{ ...service, callback_method: 'GET', test: true }])
  })

  it('takes a numeric service_id as a string', () => {
    expect(parseServices([{ ...service, service_id: 123456 }])[0]?.service_id).toBe('123456')
  })

  it('accepts an empty callback URL (the sandbox shows its own result page)', () => {
    expect(parseServices([{ ...service, callback_url: '' }])[0]?.callback_url).toBe('')
  })

  it.each([
    [{ ...service, callback_url: 'ftp://x' }, 'services[0].callback_url: must be an absolute http(s) URL'],
    [{ ...service, callback_url: '/relative' }, 'services[0].callback_url'],
    [{ ...service, callback_method: 'PUT' }, 'services[0].callback_method: must be "GET" or "POST"'],
    [{ ...service, title: '  ' }, 'services[0].title: must not be empty'],
    [{ ...service, service_id: 'a b' }, 'services[0].service_id: must be 1–32 letters'],
    [{ ...service, test: 'yes' }, 'services[0].test: must be true or false'],
    [{ ...service, extra: 1 }, 'services[0].extra: is not a service field'],
    [{ ...service, secret: '' }, 'services[0].secret: must not be empty'],
  ])('says clearly what is wrong: %j', (input, message) => {
    expect(() => parseServices([input])).toThrow(message)
  })

  it('never puts the secret in an error', () => {
    for (const input of [
      { ...service, secret: 42 },
      { ...service, secret: [SECRET] },
      { ...service, title: SECRET, secret: SECRET, callback_url: 1 },
    ]) {
      try {
        parseServices([input])
        expect.unreachable()
      } catch (error) {
        expect(String(error)).not.toContain(SECRET)
        expect(String(error)).not.toContain('42')
      }
    }
  })

  it('refuses a service_id given twice', () => {
    expect(() => parseServices([service, service])).toThrow('service_id "300003" appears twice')
  })
})

describe('loadServicesFile', () => {
  it('reads an array or {"services": [...]}', () => {
    expect(loadServicesFile(fileWith(JSON.stringify([service])))).toHaveLength(1)
    expect(
      loadServicesFile(fileWith(JSON.stringify({ services: [service, { ...service, service_id: '2' }] }))),
    ).toHaveLength(2)
  })

  it('names the file and the problem, without quoting the file', () => {
    const broken = fileWith(`[{"secret": "${SECRET}",`)
    expect(() => loadServicesFile(broken)).toThrow(`services file ${broken} is not valid JSON`)
    try {
      loadServicesFile(broken)
    } catch (error) {
      expect(String(error)).not.toContain(SECRET)
    }
    expect(() => loadServicesFile(fileWith('{"shops": []}'))).toThrow('must be an array of services')
    expect(() => loadServicesFile('/nonexistent/services.json')).toThrow(
      'cannot read services file /nonexistent/services.json (ENOENT)',
    )
  })
})

describe('DEMO_SERVICE', () => {
  it('is the documented demo shop, with no callback until the server sets one', () => {
    expect(DEMO_SERVICE).toMatchObject({ service_id: '100001', title: 'Demo shop', callback_url: '' })
    expect(DEMO_SERVICE.secret.length).toBeGreaterThan(16)
    expect(parseServices([DEMO_SERVICE])).toHaveLength(1)
  })
})
