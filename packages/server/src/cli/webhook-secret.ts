/** `webhook-secret`: a new Standard Webhooks secret for `WEBHOOK_SECRET`. */
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { EXIT, write } from './io.ts'

/** Random bytes in a new secret: the Standard Webhooks libraries use 24; 32 is the key size of HMAC-SHA256. */
const SECRET_BYTES = 32

/** `whsec_` and the base64 of fresh random bytes. */
const newWebhookSecret = (random: (n: number) => Uint8Array) =>
  `whsec_${Buffer.from(random(SECRET_BYTES)).toString('base64')}`

export const webhookSecret: Command = {
  name: 'webhook-secret',
  summary: 'print a new whsec_ secret for WEBHOOK_SECRET',
  usage: '',
  help: `Prints a new webhook signing secret on stdout: whsec_ and the base64 of ${SECRET_BYTES} random
bytes, the format of Standard Webhooks. Set it as WEBHOOK_SECRET on the server and give the
same value to your backend, which verifies each webhook's signature with it. During a rotation
WEBHOOK_SECRET holds the new and the old secret, separated by a space.

Reads no configuration and opens nothing.

Example:
  echo "WEBHOOK_SECRET=$(portmanat-checkout webhook-secret)" >> .env`,

  async run(argv, context) {
    parseCommand(argv, {})
    await write(context.io.stdout, `${newWebhookSecret(context.random)}\n`)
    return EXIT.ok
  },
}
