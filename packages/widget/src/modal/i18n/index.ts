/** The dialog's tables, joined with the loader's (`config`, `server`, `payAmount`) per locale. */
import type { Locale } from '@portmanat-checkout/shared'
import { MESSAGES, type Messages } from '../../kit.ts'
import { az } from './az.ts'
import type { DialogMessages } from './dialog-messages.ts'
import { en } from './en.ts'
import { ru } from './ru.ts'

const DIALOG: Record<Locale, DialogMessages> = { az, en, ru }

/** Every string the dialog shows in `locale`. */
export const strings = (locale: Locale): Messages & DialogMessages => ({
  ...MESSAGES[locale],
  ...DIALOG[locale],
})
