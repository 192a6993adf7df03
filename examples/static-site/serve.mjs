// A tiny static server for this example (node:http only): serves this folder on another
// origin than the signing server, like a real merchant site.
//   node examples/static-site/serve.mjs        → http://127.0.0.1:5500
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))
const port = Number(process.env.PORT ?? 5500)
const host = process.env.HOST ?? '127.0.0.1'
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript',
}

createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', `http://${host}`)
  try {
    // normalize() resolves ".." before the join, so no path leaves this folder.
    const path = join(root, normalize(`/${decodeURIComponent(pathname)}`).replace(/\/$/, '/index.html'))
    const body = await readFile(path)
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
    response.end(body)
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('not found\n')
  }
}).listen(port, host, () => console.log(`example shop on http://${host}:${port}`))
