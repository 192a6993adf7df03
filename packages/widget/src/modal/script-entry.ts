/**
 * The entry of the modal chunk's script build: hands the module to the loader through the
 * `<script>` element that loaded it (see `load-modal-script.ts`), adding nothing to `window`.
 */
import type { Handoff } from '../load-modal-script.ts'
import { mountModal } from './index.tsx'

;(document.currentScript as Handoff).m = { mountModal }
