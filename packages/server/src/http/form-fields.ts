import type { Context } from 'hono'
import type { BodyData } from 'hono/utils/body'

/**
 * The fields of a form post. A body that is no readable form (a broken multipart, a missing
 * boundary) has none, so the form is refused by its own checks instead of answered with a 500.
 */
export const formFields = (c: Context): Promise<BodyData> => c.req.parseBody().catch(() => ({}))
