/**
 * Loads the modal chunk in the script-tag build: a `<script>` for `widget/{version}/modal-….js`
 * beside the loader, pinned by the SHA-384 the build wrote into the loader (`integrity`), so one
 * `integrity=` on `widget.js` pins both. There is one chunk per locale (the dialog's strings of
 * one language: a buyer downloads only theirs). The loader lends the chunk its shared code
 * through the script element (`k`), and the chunk hands its module back the same way (`m`):
 * nothing on `window`. A tampered chunk fails its integrity check and never runs.
 */

import type { Locale } from '@portmanat-checkout/shared'
import { kit } from './kit.ts'
import type { ModalModule } from './modal-contract.ts'
import { defaults } from './options.ts'
import { version } from './version.ts'

/** Per locale: the chunk's file name and its SHA-384, written in by the build. */
declare const __MODALS__: Record<Locale, [file: string, integrity: string]>

/** The script element both sides use to pass things. */
export type Handoff = HTMLScriptElement & { k?: typeof kit; m?: ModalModule }

const loading: Partial<Record<Locale, Promise<ModalModule>>> = {}

/**
 * The chunk's URL: beside a versioned loader (`/widget/0.1.0/widget.js`), else under
 * `widget/{version}/` beside it (`/widget.js` → `/widget/0.1.0/modal-….js`).
 */
const modalUrl = (loader: string, file: string): string =>
  new URL((loader.includes(`/widget/${version}/`) ? '' : `widget/${version}/`) + file, loader).href

/** The modal module of `locale`, loaded once (again after a failure). */
export const loadModal = (locale: Locale): Promise<ModalModule> =>
  (loading[locale] ??= new Promise<ModalModule>((resolve, reject) => {
    const [file, integrity] = __MODALS__[locale]
    const script: Handoff = document.createElement('script')
    script.src = modalUrl(defaults.src ?? location.href, file)
    script.integrity = integrity
    script.crossOrigin = 'anonymous'
    script.k = kit
    script.onload = () => resolve(script.m as ModalModule)
    script.onerror = () => {
      script.remove()
      loading[locale] = undefined
      // Offline, or refused by its integrity check (the browser names that in the console).
      reject(`${script.src} did not load`)
    }
    document.head.append(script)
  }))
