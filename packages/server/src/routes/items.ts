/** `GET /api/items/:id`: an item's public price, so the button can show it before any click. */
import { type ItemResponse, toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import { ITEM_ID_PATTERN } from '../catalog.ts'
import type { Services } from '../deps.ts'
import { publicCors } from '../http/cors.ts'
import { ApiError } from '../http/errors.ts'

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
    const item = s.config.catalog.get(id)
    if (!item) throw new ApiError(404, 'unknown_item', `no item "${id}" in the catalog`)
    const body: ItemResponse = {
      id: item.id,
      title: item.title,
      amount: toCanonical(item.qepik),
      ...(item.description ? { description: item.description } : {}),
    }
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(body)
  })
  return app
}
