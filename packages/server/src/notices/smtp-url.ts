/**
 * `SMTP_URL` read into the settings of a mail server: `smtp://host:587` (STARTTLS) or
 * `smtps://user:password@host:465` (TLS from the first byte). Parsed here rather than handed
 * to nodemailer as a URL so that query options cannot switch certificate checks off, and so that
 * a password is never sent in clear text to a server that is not on this machine.
 */
import { Secret } from '../secret.ts'

export interface SmtpServer {
  host: string
  port: number
  /** `smtps:`: TLS from the first byte. `smtp:`: STARTTLS when the server offers it. */
  secure: boolean
  /** Refuse to log in without TLS: set for `smtp:` with credentials on a host that is not loopback. */
  requireTLS: boolean
  auth: { user: string; pass: Secret } | null
  /** The URL without its password, for logs and error lines: `smtps://user@host:465`. */
  display: string
}

export type SmtpUrlResult = { ok: true; server: SmtpServer } | { ok: false; message: string }

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/** Whether a URL's host name is this machine (plain http and smtp are fine there). */
export const isLoopback = (hostname: string) => LOOPBACK.test(hostname)

const FORM = 'must be smtp://host:port or smtps://user:password@host:port'

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part)
  } catch {
    return undefined
  }
}

/**
 * Reads an SMTP URL. The message of a failure never contains the password (nor the URL).
 *
 * @example parseSmtpUrl('smtps://shop%40example.az:pa55@smtp.example.az') // port 465, secure
 */
export function parseSmtpUrl(raw: string): SmtpUrlResult {
  const fail = (why: string): SmtpUrlResult => ({ ok: false, message: why })
  if (!URL.canParse(raw))
    return fail(`${FORM} (percent-encode @ : / ? # in the user name and password, e.g. @ as %40)`)
  const url = new URL(raw)
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return fail(`${FORM}: it must start with smtp:// or smtps://`)
  if (!url.hostname) return fail(`${FORM}: the host is missing`)
  if (url.search || url.hash || (url.pathname !== '' && url.pathname !== '/'))
    return fail(`${FORM}: no path, ?options or #fragment (percent-encode / ? # in the password)`)
  const secure = url.protocol === 'smtps:'
  const port = url.port ? Number(url.port) : secure ? 465 : 587
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(`${FORM}: the port must be 1-65535`)
  const user = decode(url.username)
  const pass = decode(url.password)
  if (user === undefined || pass === undefined)
    return fail(`${FORM}: the user name or password has a bad %-escape`)
  if (Boolean(user) !== Boolean(pass))
    return fail(`${FORM}: give both the user name and the password, or neither`)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return {
    ok: true,
    server: {
      host,
      port,
      secure,
      requireTLS: !secure && Boolean(user) && !isLoopback(url.hostname),
      auth: user ? { user, pass: new Secret(pass) } : null,
      display: `${url.protocol}//${user ? `${encodeURIComponent(user)}@` : ''}${url.hostname}:${port}`,
    },
  }
}
