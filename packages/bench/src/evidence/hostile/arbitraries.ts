/**
 * fast-check arbitraries of hostile requests across the public routes: methods, paths, query
 * strings, headers, bodies, content types and encodings, callback parameters and return URLs,
 * odd and huge values. `Known` carries real references so some requests reach deep paths (a
 * callback about an existing order and payment).
 */
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import type { HostileRequest, HttpRequest, RawRequest } from './send.ts'

export interface Known {
  /** `http://127.0.0.1:PORT`. */
  own: string
  /** An origin in ALLOWED_ORIGINS. */
  allowed: string
  clientRrns: string[]
  pspRrns: string[]
  /** A bearer key the server knows (MERCHANT_API_KEY): requests use near misses of it, never it. */
  merchantKeyPrefix: string
  widgetVersion: string
}

const ROUTES = [
  '/',
  '/healthz',
  '/favicon.ico',
  '/api/checkout',
  '/api/callback',
  '/api/orders',
  '/api/items/premium',
  '/api/items/cheap',
  '/api/payments/',
  '/api/',
  '/api',
  '/widget.js',
  '/widget/manifest.json',
  '/pay/premium',
  '/pay/o/',
  '/pay/r/',
  '/dashboard',
  '/dashboard/login',
  '/dashboard/orders',
  '/dashboard/orders.csv',
  '/sandbox/process',
  '/sandbox/process/continue',
  '/sandbox/bank',
  '/sandbox/check',
  '/sandbox/callback',
  '/sandbox/assets/style.css',
]

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '%',
    '%00',
    '%zz',
    '%E0%A4%A',
    '%2e%2e%2f',
    '%252e',
    '\\',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style probe, literally
    '${jndi:ldap://x}',
    '__proto__',
    'constructor',
    'null',
    '-1',
    '1e309',
    'NaN',
    '0x10',
    '🙂',
    'ı',
    'İ',
    '\u202e',
    '\ufeff',
  ),
  fc.integer({ min: 100, max: 9000 }).map((n) => 'A'.repeat(n)),
)

const alnum = fc.string({
  unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'),
  minLength: 24,
  maxLength: 24,
})

const clientRrn = (known: Known) =>
  fc.oneof(
    fc.constantFrom(...known.clientRrns),
    alnum,
    alnum.map((s) => s.toUpperCase()),
    weird,
  )

const pspRrn = (known: Known) =>
  fc.oneof(
    fc.constantFrom(...known.pspRrns),
    fc.stringMatching(/^[0-9]{10}-[A-Za-z0-9\]+/=]{6}-[A-Za-z0-9\]+/=]{6}-[A-Za-z0-9\]+/=]{6}$/),
    weird,
  )

/** Return URLs, most of them someone else's dressed up as allowed. */
export const returnUrl = (known: Known) =>
  fc.oneof(
    fc.constantFrom(
      `${known.allowed}/thanks`,
      `${known.allowed}/thanks?a=b#frag`,
      `${known.own}/done`,
      'https://evil.example/',
      '//evil.example/x',
      '///evil.example',
      'https:evil.example',
      'https:\\\\evil.example',
      `${known.allowed}@evil.example/`,
      `${known.allowed}.evil.example/`,
      `https://evil.example/${known.allowed}`,
      `https://evil.example?${known.allowed}`,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://[::1]/',
      'http://127.0.0.1:1/',
      `${known.allowed.toUpperCase()}/ok`,
      `${known.allowed}:443/x`,
      `${known.allowed}\t/x`,
      `${known.allowed}/\r\nLocation: https://evil.example`,
      `http://${new URL(known.allowed).host}/`,
      'https://xn--80ak6aa92e.com/',
      '',
    ),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    weird,
  )

const origin = (known: Known) =>
  fc.oneof(
    fc.constantFrom(known.own, known.allowed, 'https://evil.example', 'null', 'http://localhost', 'file://'),
    fc.webUrl().map((u) => new URL(u).origin),
    weird,
  )

/** Header values `node:http` can send: no control characters but tab. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json;;;',
  'application/jsonx',
  'application/ld+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data; boundary=',
  '*/*',
  '',
  'garbage',
)

const headerParts = (known: Known) => ({
  'content-type': contentType,
  'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'gzip, gzip', 'x-unknown'),
  'accept-encoding': fc.constantFrom('br, gzip', 'gzip', '*', 'identity;q=0', 'br;q=1.5', 'x'),
  accept: fc.constantFrom('application/json', 'text/html', '*/*', 'image/png', ''),
  'accept-language': fc.oneof(fc.constantFrom('ru', 'en-GB,en;q=0.9', 'az-AZ', 'xx', '*', ';q=', ''), weird),
  origin: origin(known),
  referer: returnUrl(known),
  host: fc.constantFrom(new URL(known.own).host, 'evil.example', 'evil.example:80', 'localhost', '', '[::1]'),
  'idempotency-key': fc.oneof(fc.uuid(), weird, fc.constant('k'.repeat(300))),
  'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), weird, fc.constant('1.1.1.1, 2.2.2.2, evil')),
  'x-forwarded-host': fc.constantFrom('evil.example', known.allowed),
  'x-forwarded-proto': fc.constantFrom('https', 'javascript', ''),
  authorization: fc.oneof(
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      `Bearer ${known.merchantKeyPrefix}`,
      'Basic YWxhZGRpbjpvcGVu',
      'Bearer null',
    ),
    weird.map((s) => `Bearer ${s}`),
  ),
  'if-none-match': fc.constantFrom('*', '"x"', 'W/"x"', '', '"'.repeat(50)),
  range: fc.constantFrom('bytes=0-10', 'bytes=-1', 'bytes=9999999-', 'lines=1-2'),
  cookie: weird,
  'x-request-id': weird,
  'access-control-request-method': fc.constantFrom('POST', 'PUT', 'DELETE'),
  'access-control-request-headers': fc.constantFrom('content-type', 'authorization, x-evil', '*'),
  'x-http-method-override': fc.constantFrom('DELETE', 'PUT', 'GET'),
})

/** A few headers of made-up names, e.g. `x-a-b: <odd value>`. */
const extraHeaders = fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), weird, { maxKeys: 3 })

export const headers = (known: Known) =>
  fc.tuple(fc.record(headerParts(known), { requiredKeys: [] }), extraHeaders).map(([picked, extra]) => {
    const safe: Record<string, string> = {}
    for (const [name, value] of Object.entries({ ...picked, ...extra })) {
      // Deliberate fault injection of the sandbox is not an attack on us.
      if (name !== 'x-sandbox-fault') safe[name] = headerSafe(value)
    }
    return safe
  })

const enc = (s: string) => encodeURIComponent(s)

export const query = (known: Known) =>
  fc.oneof(
    fc.constant(''),
    fc
      .record({ psp_rrn: pspRrn(known), client_rrn: clientRrn(known) })
      .map((p) => `psp_rrn=${enc(p.psp_rrn)}&client_rrn=${enc(p.client_rrn)}`),
    fc
      .tuple(pspRrn(known), pspRrn(known), clientRrn(known))
      .map(([a, b, c]) => `psp_rrn=${enc(a)}&psp_rrn=${enc(b)}&client_rrn=${enc(c)}`),
    fc.record({ client_rrn: clientRrn(known) }).map((p) => `client_rrn=${enc(p.client_rrn)}`),
    returnUrl(known).map((u) => `return_url=${enc(u)}&portmanat_status=paid`),
    fc.webQueryParameters(),
    fc.constantFrom(
      '%',
      '%zz=1',
      'a=%E0%A4%A',
      '&&&',
      '=',
      'a[b][c]=1',
      '__proto__[x]=1',
      'psp_rrn[]=1&client_rrn[]=2',
      `q=${'x'.repeat(6000)}`,
    ),
  )

const pathSegment = (known: Known) =>
  fc.oneof(weird, clientRrn(known), fc.constantFrom(known.widgetVersion, '0.0.0', '..', '_sandbox'))

/** A path `node:http` accepts: anything outside visible ASCII is percent-encoded. */
const httpSafePath = (path: string) =>
  path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c)).replace(/^(?!\/)/, '/')

export const path = (known: Known) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...ROUTES),
        fc
          .tuple(
            fc.constantFrom(
              '/api/payments/',
              '/api/items/',
              '/widget/',
              '/pay/',
              '/pay/o/',
              '/pay/r/',
              '/dashboard/orders/',
              '/sandbox/',
              '/api/',
            ),
            pathSegment(known),
          )
          .map(([a, b]) => a + b),
        fc.constantFrom(known.widgetVersion).map((v) => `/widget/${v}/widget.js`),
        fc.webPath(),
        fc.constantFrom(
          '//evil.example',
          '/\\evil.example',
          '/%2f%2fevil.example',
          '/api/checkout/',
          '/API/CHECKOUT',
          '/api//checkout',
          '/api/checkout;x',
          '/api/checkout%00',
          '/./api/checkout',
          '/api/x/../checkout',
          '*',
        ),
      ),
      query(known),
    )
    .map(([p, q]) => {
      const safe = httpSafePath(p === '*' ? '/*' : p)
      return q ? `${safe}?${q.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))}` : safe
    })
    // The sandbox's test-control endpoints are not a public route (and never mounted in live mode).
    .filter((p) => !/_sandbox/i.test(decodeURIComponentSafe(p)))

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const checkoutBody = (known: Known) =>
  fc.record(
    {
      item: fc.oneof(
        fc.constantFrom('premium', 'cheap', 'PREMIUM', 'nope', ''),
        weird,
        fc.integer(),
        fc.constant(null),
        fc.array(fc.string()),
      ),
      return_url: returnUrl(known),
      locale: fc.oneof(fc.constantFrom('az', 'en', 'ru', 'tr', 'AZ'), weird),
      order_token: fc.oneof(weird, fc.base64String({ minLength: 22, maxLength: 40 })),
      amount: fc.oneof(fc.constantFrom('0.01', '-1', '1e9', 0.1, 99999999), weird),
      price: fc.constant(1),
      title: weird,
      description: weird,
      reference: weird,
    },
    { requiredKeys: [] },
  )

export const body = (known: Known) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: checkoutBody(known).map((b) => Buffer.from(JSON.stringify(b))) },
    { weight: 2, arbitrary: fc.json().map((j) => Buffer.from(j)) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 20_000 })
        .map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ psp_rrn: pspRrn(known), client_rrn: clientRrn(known) }, { requiredKeys: [] })
        .map((f) => Buffer.from(new URLSearchParams(f as Record<string, string>).toString())),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.integer({ min: 4000, max: 300_000 }).map((n) => Buffer.alloc(n, 'a')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from([0xc3, 0x28]),
        Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
        Buffer.from('{"item":"premium"'),
        Buffer.from('{"item":"premium","__proto__":{"amount":"0.01"}}'),
        Buffer.from('{"constructor":{"prototype":{"amount":"0.01"}},"item":"premium"}'),
        Buffer.from('{"item":"premium","item":"cheap"}'),
        Buffer.from('{"item":"premium"}'.padEnd(4097, ' ')),
      ),
    },
    { weight: 1, arbitrary: checkoutBody(known).map((b) => gzipSync(JSON.stringify(b))) },
    {
      weight: 1,
      arbitrary: fc
        .record({ name: weird, value: weird })
        .map(({ name, value }) =>
          Buffer.from(
            `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--xyz--\r\n`,
          ),
        ),
    },
  )

const METHODS = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 2, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH') },
  { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'M-SEARCH') },
)

const httpRequest = (known: Known): fc.Arbitrary<HttpRequest> =>
  fc
    .tuple(METHODS, path(known), headers(known), body(known), fc.nat(9))
    .map(([method, path, headers, body, dice]) => {
      const request: HttpRequest = { kind: 'http', method, path, headers }
      // Most GETs carry no body, so most reach the routes (the Node adapter refuses a GET with one).
      const bodyless = (method === 'GET' || method === 'HEAD') && dice < 7
      if (body !== undefined && !bodyless) request.body = body
      return request
    })

/** Requests a client library would refuse to send: broken framing, request lines, smuggling. */
const rawRequest = (known: Known): fc.Arbitrary<RawRequest> => {
  const host = new URL(known.own).host
  const line = fc.oneof(
    fc.constantFrom(
      'GET / HTTP/1.1',
      'POST /api/checkout HTTP/1.1',
      'GET /api/payments/%ff%fe HTTP/1.1',
      'GET http://evil.example/ HTTP/1.1',
      'GET /api/callback?psp_rrn=a&client_rrn=b HTTP/1.0',
      'GET / HTTP/9.9',
      'get / http/1.1',
      'GET  /  HTTP/1.1',
      'GET /\u00ff\u00fe HTTP/1.1',
      'GARBAGE',
      '',
    ),
    weird.map((w) => `GET /${w.replace(/[\r\n ]/g, '')} HTTP/1.1`),
  )
  const extra = fc.constantFrom(
    '',
    'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n',
    'Content-Length: 5\r\nContent-Length: 6\r\n',
    'Content-Length: -1\r\n',
    'Content-Length: 1e3\r\n',
    'Transfer-Encoding: chunked\r\n',
    'Transfer-Encoding: gzip, chunked\r\n',
    'Expect: 100-continue\r\n',
    'X-Folded: a\r\n  b\r\n',
    'Bad Header: x\r\n',
    `X-Long: ${'a'.repeat(20_000)}\r\n`,
    `${Array.from({ length: 300 }, (_, i) => `X-Many-${i}: ${i}`).join('\r\n')}\r\n`,
    'Host: evil.example\r\n',
    'X-Nul: a\u0000b\r\n',
    'Content-Type: application/json\r\nContent-Length: 18\r\n',
  )
  const tail = fc.constantFrom(
    '',
    '{"item":"premium"}',
    '0\r\n\r\n',
    'zz\r\nabc\r\n0\r\n\r\n',
    '5\r\nabcde\r\n0\r\n\r\nGET /api/payments/x HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
  )
  return fc.tuple(line, extra, tail).map(([requestLine, headerLines, rest]) => ({
    kind: 'raw' as const,
    bytes: `${requestLine}\r\nHost: ${host}\r\n${headerLines}Connection: close\r\n\r\n${rest}`,
  }))
}

/** Mostly requests through `node:http`, a tenth of them raw. */
export const hostileRequest = (known: Known): fc.Arbitrary<HostileRequest> =>
  fc.oneof({ weight: 9, arbitrary: httpRequest(known) }, { weight: 1, arbitrary: rawRequest(known) })
