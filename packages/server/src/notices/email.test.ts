import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { Secret } from '../secret.ts'
import { type EmailSenderOptions, emailSender } from './email.ts'
import { CLIENT_RRN, NEVER, paidMessage } from './testing.ts'

const DASHBOARD = 'https://pay.example.az/dashboard'
const PASSWORD = 'hunter2-Sm7p-pa55'
const FROM = { name: 'Çay evi', address: 'shop@example.az' }
const TO = [
  { name: '', address: 'owner@example.az' },
  { name: 'Mühasib, Aynur', address: 'books@example.az' },
]

interface MailServerOptions {
  /** SMTP reply codes for the next messages' DATA, in turn; then each message is accepted. */
  refuseData?: number[]
  /** Recipients refused at RCPT TO with 550. */
  refuseRcpt?: string[]
  /** Require this login. */
  login?: { user: string; pass: string }
  /** Never answer DATA. */
  hang?: boolean
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code })

/** A real SMTP server from the smtp-server package on a loopback port; keeps what it accepts. */
async function mailServer({ refuseData = [], refuseRcpt = [], login, hang = false }: MailServerOptions = {}) {
  const arrived: { rcpt: string[]; mail: ParsedMail }[] = []
  const logins: { user: string | undefined; pass: string | null | undefined }[] = []
  const connections = { count: 0 }
  const options: SMTPServerOptions = {
    logger: false,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      connections.count += 1
      callback()
    },
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !login,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username, pass: auth.password })
      if (auth.username === login?.user && auth.password === login?.pass)
        callback(null, { user: auth.username })
      else callback(smtpError(535, 'Authentication credentials invalid'))
    },
    onRcptTo(address, _session, callback) {
      callback(refuseRcpt.includes(address.address) ? smtpError(550, 'No such user here') : null)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (hang) return
        const code = refuseData.shift()
        if (code) return callback(smtpError(code, code < 500 ? 'Try again later' : 'Message rejected'))
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          arrived.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail })
          callback(null, 'Queued')
        }, callback)
      })
    },
  }
  const server = new SMTPServer(options)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('the SMTP server has no port')
  const { port } = address
  servers.push(server)
  const credentials = login ? `${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@` : ''
  return { url: `smtp://${credentials}127.0.0.1:${port}`, port, arrived, logins, connections }
}

const servers: SMTPServer[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      for (const connection of server.connections) connection.close()
      return new Promise<void>((resolve) => server.close(resolve))
    }),
  )
})

const sender = (smtpUrl: string, options: Partial<EmailSenderOptions> = {}) =>
  emailSender({
    smtpUrl: new Secret(smtpUrl),
    from: FROM,
    to: TO,
    dashboardUrl: DASHBOARD,
    timeoutMs: 2000,
    ...options,
  })

describe('emailSender', () => {
  it('retries after a 451, then delivers one e-mail with the order facts', async () => {
    const smtp = await mailServer({ refuseData: [451] })
    const send = sender(smtp.url)
    const message = paidMessage({ description: 'Bir illik abunə', quantity: 2 }, { channel: 'email' })

    const first = await send(message, NEVER)
    expect(first).toMatchObject({ ok: false, status_code: 451 })
    expect(first.permanent).toBeUndefined()
    expect(first.error).toContain('451 Try again later')
    expect(await send({ ...message, attempts: 1 }, NEVER)).toEqual({ ok: true, status_code: 250 })
    expect(smtp.connections.count).toBe(2)

    expect(smtp.arrived).toHaveLength(1)
    const [{ rcpt, mail } = { rcpt: [], mail: undefined }] = smtp.arrived
    expect(rcpt).toEqual(['owner@example.az', 'books@example.az'])
    expect(mail?.from?.value).toEqual([FROM])
    expect(mail?.to && !Array.isArray(mail.to) && mail.to.value).toEqual(TO)
    expect(mail?.subject).toBe('Ödəniş alındı: 5,23\u00a0₼ · Premium plan')
    expect(mail?.messageId).toBe('<evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0.notice@example.az>')
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated')
    expect(mail?.text).toBe(
      [
        'Ödəniş alındı',
        '',
        'Ödənişin təyinatı: Premium plan',
        'Məbləğ: 5,23\u00a0₼',
        'Say: 2',
        'Təsvir: Bir illik abunə',
        `Sifariş nömrəsi: ${CLIENT_RRN}`,
        'Sizin sistemdəki nömrə: INV-2026-0042',
        'Portmanat RRN: PSP-77812',
        'Bank RRN: 512312345678',
        // 10:03 UTC is 14:03 in Baku.
        'Ödəniş vaxtı: 20.11.2026 14:03 (Bakı vaxtı)',
        '',
        `İdarə panelində baxın: ${DASHBOARD}/orders/${CLIENT_RRN}`,
        '',
        '-- ',
        'Bu məktubu portmanat-checkout ödəniş serveriniz avtomatik göndərib.',
        '',
      ].join('\n'),
    )
    expect(mail?.html).toContain(`<a href="${DASHBOARD}/orders/${CLIENT_RRN}"`)
    expect(mail?.html).toContain('<html lang="az">')
  })

  it.each([
    ['en', 'Payment received: ₼5.23 · Premium plan', 'Paid at: 2026-11-20 14:03 (Baku time)'],
    [
      'ru',
      'Оплата получена: 5,23\u00a0₼ · Premium plan',
      'Время оплаты: 20.11.2026 14:03 (по бакинскому времени)',
    ],
  ] as const)('writes in the merchant language: %s', async (locale, subject, paidAt) => {
    const smtp = await mailServer()
    expect(await sender(smtp.url, { locale })(paidMessage(), NEVER)).toMatchObject({ ok: true })
    const mail = smtp.arrived[0]?.mail
    expect(mail?.subject).toBe(subject)
    expect(mail?.text).toContain(`\n${paidAt}\n`)
  })

  it('carries a title with markup characters literally, escaped in the HTML', async () => {
    const smtp = await mailServer()
    const title = '<b>Çay & "peçenye"</b> _*[x](y)'
    await sender(smtp.url)(paidMessage({ title, reference: '<script>alert(1)</script>' }), NEVER)
    const mail = smtp.arrived[0]?.mail
    expect(mail?.subject).toBe(`Ödəniş alındı: 5,23\u00a0₼ · ${title}`)
    expect(mail?.text).toContain(`Ödənişin təyinatı: ${title}\n`)
    expect(mail?.html).toContain('&lt;b&gt;Çay &amp; &quot;peçenye&quot;&lt;/b&gt; _*[x](y)')
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(mail?.html).not.toContain('<b>Çay')
    expect(mail?.html).not.toContain('<script>')
  })

  it('marks a sandbox payment in the subject and the text, and leaves out the link without a dashboard', async () => {
    const smtp = await mailServer()
    await sender(smtp.url, { dashboardUrl: null })(paidMessage({ livemode: false }), NEVER)
    const mail = smtp.arrived[0]?.mail
    expect(mail?.subject).toMatch(/^\[SINAQ\] Ödəniş alındı: /)
    expect(mail?.text).toContain('\nSınaq ödənişi (sandbox): real pul köçürülməyib.\n')
    expect(mail?.text).not.toContain('http')
    expect(mail?.html).not.toContain('<a ')
  })

  it('gives up on a 550 for every recipient, and notes one refused among accepted ones', async () => {
    const all = await mailServer({ refuseRcpt: TO.map((box) => box.address) })
    const refused = await sender(all.url)(paidMessage(), NEVER)
    expect(refused).toMatchObject({ ok: false, status_code: 550, permanent: true })
    expect(refused.error).toContain('550 No such user here')

    const one = await mailServer({ refuseRcpt: ['books@example.az'] })
    expect(await sender(one.url)(paidMessage(), NEVER)).toEqual({
      ok: true,
      status_code: 250,
      error: 'refused for 1 of 2 recipients',
    })
    expect(one.arrived[0]?.rcpt).toEqual(['owner@example.az'])
  })

  it('gives up on a message the server rejects with 554', async () => {
    const smtp = await mailServer({ refuseData: [554] })
    expect(await sender(smtp.url)(paidMessage(), NEVER)).toMatchObject({
      ok: false,
      status_code: 554,
      permanent: true,
    })
  })

  it('logs in with the URL credentials, and never repeats the password when they are wrong', async () => {
    const login = { user: 'shop@example.az', pass: PASSWORD }
    const smtp = await mailServer({ login })
    expect(await sender(smtp.url)(paidMessage(), NEVER)).toMatchObject({ ok: true })
    expect(smtp.logins).toEqual([{ user: login.user, pass: PASSWORD }])

    const wrong = await sender(`smtp://shop%40example.az:${PASSWORD}x@127.0.0.1:${smtp.port}`)(
      paidMessage(),
      NEVER,
    )
    expect(wrong).toMatchObject({ ok: false, status_code: 535, permanent: true })
    expect(wrong.error).not.toContain(PASSWORD)
    expect(smtp.arrived).toHaveLength(1)
  })

  it('retries when nobody listens', async () => {
    const smtp = await mailServer()
    const server = servers.pop()
    await new Promise<void>((resolve) => server?.close(resolve))
    const outcome = await sender(smtp.url)(paidMessage(), NEVER)
    expect(outcome.ok).toBe(false)
    expect(outcome.permanent).toBeUndefined()
    expect(outcome.status_code).toBeUndefined()
    expect(outcome.error).toMatch(/^ESOCKET: .*ECONNREFUSED/)
  })

  it('stops when the worker aborts, as a retryable outcome', async () => {
    const smtp = await mailServer({ hang: true })
    const controller = new AbortController()
    const pending = sender(smtp.url)(paidMessage(), controller.signal)
    setTimeout(() => controller.abort(), 100)
    expect(await pending).toEqual({ ok: false, error: 'aborted' })
    expect(smtp.arrived).toHaveLength(0)
  })

  it('refuses, without connecting, an event that is not a paid order', async () => {
    const smtp = await mailServer()
    const outcome = await sender(smtp.url)(paidMessage({}, { type: 'order.expired' }), NEVER)
    expect(outcome).toEqual({
      ok: false,
      permanent: true,
      error: 'notices are only for order.paid, not order.expired',
    })
    expect(smtp.connections.count).toBe(0)
  })
})
