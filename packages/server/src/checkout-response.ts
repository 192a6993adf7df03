import type { CheckoutResponse } from '@portmanat-checkout/shared'
import { toCanonical } from '@portmanat-checkout/shared'
import type { Config } from './config.ts'
import { signProcess } from './psp/sign.ts'
import type { Order } from './store/types.ts'

/** Used only when the buyer's address is unknown (a request without a socket, as in tests). */
export const UNKNOWN_CLIENT_IP = '127.0.0.1'

/**
 * The `201` body of a checkout, computed from the stored order alone, so that an idempotent
 * replay answers byte for byte what the first request answered. The amount string is made
 * once and used for both the signature and the posted field. The order's language travels to
 * the PSP's pages as a `lang` query parameter of the `/process` URL: not a form field, so the
 * posted (and signed) fields stay exactly the documented five; the provider's pages are
 * themselves localised and an unknown query parameter is ignored by them, while the sandbox
 * shows its pages in that language.
 */
export function checkoutResponse(config: Config, order: Order, clientIp = order.client_ip): CheckoutResponse {
  const amount = toCanonical(order.qepik)
  const signed = { service_id: config.serviceId, client_rrn: order.client_rrn, amount }
  return {
    client_rrn: order.client_rrn,
    amount,
    title: order.title,
    ...(order.description ? { description: order.description } : {}),
    ...(order.quantity > 1 ? { quantity: order.quantity } : {}),
    redirect: {
      url: `${config.pspUrl}/process${order.locale ? `?lang=${order.locale}` : ''}`,
      method: 'POST',
      fields: {
        ...signed,
        client_ip: clientIp ?? UNKNOWN_CLIENT_IP,
        hash: signProcess(config.secretKey, signed),
      },
    },
  }
}
