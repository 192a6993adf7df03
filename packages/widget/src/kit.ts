/**
 * What the loader lends the modal chunk: the chunk imports these from here, and the script
 * build of the chunk reads them from the loader at run time (`kit`, on the `<script>` element)
 * instead of bundling a second copy (see `vite.config.ts`). Keep the list short.
 */
import { httpUrl, isAmount, isRetryable, isText, request } from './api.ts'
import { MESSAGES } from './i18n/index.ts'
import { money } from './money.ts'
import { PREFIX } from './options.ts'
import { cleanReturn } from './return-params.ts'
import { adopt } from './sheet.ts'

export type { Result, WidgetError } from './api.ts'
export type { Messages } from './i18n/index.ts'
export { adopt, cleanReturn, httpUrl, isAmount, isRetryable, isText, MESSAGES, money, PREFIX, request }

/** Every value above, as the loader hands them over: by position, so no name ships twice. */
export const kit = [
  adopt,
  cleanReturn,
  httpUrl,
  isAmount,
  isRetryable,
  isText,
  MESSAGES,
  money,
  PREFIX,
  request,
]
