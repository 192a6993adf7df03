/**
 * The buyer's IP address, which the PSP wants in `client_ip`.
 *
 * By default it is the socket's peer address. Behind a reverse proxy that peer is the proxy, so
 * with `TRUST_PROXY=N` we take the N-th entry from the right of `X-Forwarded-For`: each proxy
 * appends the address it received the request from, so the rightmost entries were written by
 * our own proxies, while everything to their left was sent by the client and could be forged.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { requestHeader } from './request-header.ts'

/** Returns the socket peer address of a request, if there is one. */
export type RemoteAddress = (c: Context) => string | undefined

/** Reads the peer address from `@hono/node-server`'s bindings; undefined elsewhere (tests). */
export const nodeRemoteAddress: RemoteAddress = (c) => {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i
const IP_LIKE = /^[0-9a-fA-F.:]{2,45}$/

function clean(address: string | undefined): string | undefined {
  if (!address) return undefined
  const trimmed = address.trim()
  const mapped = IPV4_MAPPED.exec(trimmed)
  const value = mapped?.[1] ?? trimmed
  return IP_LIKE.test(value) ? value : undefined
}

/**
 * @param trustProxy how many proxies in front append to `X-Forwarded-For` (0: none)
 */
export function clientIp(c: Context, remoteAddress: RemoteAddress, trustProxy: number): string | undefined {
  if (trustProxy > 0) {
    const entries = (requestHeader(c, 'x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
    const fromProxy = clean(entries[entries.length - trustProxy])
    if (fromProxy) return fromProxy
  }
  return clean(remoteAddress(c))
}
