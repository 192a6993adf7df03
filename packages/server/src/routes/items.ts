/**
 * `GET /api/items/:id`: an item's public price, so the button can show it before any click;
 * `?quantity=` prices that many (the server multiplies, within `max_quantity`), and the texts
 * come in the language of `?locale=` or `Accept-Language`.
 */
import { type ItemResponse, LOCALES, toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import * as v from 'valibot'
import { ITEM_ID_PATTERN, Quantity, textIn } from '../catalog.ts'
import type { Services } from '../deps.ts'
import { publicCors } from '../http/cors.ts'
import { ApiError } from '../http/errors.ts'
import { validate } from '../http/validate.ts'
import { localeFromHeader } from '../pages/i18n.ts'
import { tooMany } from '../payments/create-order.ts'

// Other parameters (a cache buster) are ignored: this is a public, cacheable read.
const ItemQuery = v.object({
  // Query values are strings: a whole number of one to three digits, read as the checkout's.
  quantity: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'quantity must be a whole number'), v.toNumber(), Quantity),
  ),
  locale: v.optional(v.picklist(LOCALES, `locale must be one of ${LOCALES.join(', ')}`)),
})

export function itemRoutes(s: Services): Hono {
  const app = new Hono()
  app.use('/api/items/*', publicCors())
  app.get('/api/items/:id', (c) => {
    const id = c.req.param('id')
    if (!ITEM_ID_PATTERN.test(id)) {
      throw new ApiError(400, 'invalid_request', 'item ids match [a-z0-9_-]{1,64}', {
        id: ['must match [a-z0-9_-]{1,64}'],
      })
    }
    const query = validate(ItemQuery, c.req.query())
    const item = s.config.catalog.get(id)
    if (!item) throw new ApiError(404, 'unknown_item', `no item "${id}" in the catalog`)
    const quantity = query.quantity ?? 1
    if (quantity > item.maxQuantity) throw tooMany(item.maxQuantity)
    const locale = query.locale ?? localeFromHeader(c.req.header('accept-language')) ?? null
    const body: ItemResponse = {
      id: item.id,
      title: textIn(item.title, locale),
      amount: toCanonical(item.qepik * quantity),
      ...(item.description ? { description: textIn(item.description, locale) } : {}),
      ...(quantity > 1 ? { quantity } : {}),
      ...(item.maxQuantity > 1 ? { max_quantity: item.maxQuantity } : {}),
    }
    c.header('Cache-Control', 'public, max-age=60')
    c.header('Vary', 'Accept-Language')
    return c.json(body)
  })
  return app
}
