import { createServer } from 'node:net'

/**
 * A free TCP port on 127.0.0.1. The port is released before it is returned, so another process
 * could take it in between; on a loopback test machine that race is rare enough.
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
