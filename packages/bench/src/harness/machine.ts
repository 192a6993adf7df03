/** What a recorded figure was measured on: CPU, cores, Node, and the commit. */
import { execFileSync } from 'node:child_process'
import { arch, cpus, loadavg, platform } from 'node:os'

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

export function machine(): string {
  const cores = cpus()
  return `${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, Node ${process.version}, ${platform()} ${arch()}, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`
}

export function commit(): string {
  const sha = git('rev-parse', '--short', 'HEAD') || 'unknown'
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD')
  const dirty = git('status', '--porcelain') ? ' + uncommitted changes' : ''
  return `${sha}${dirty}${branch ? ` (${branch})` : ''}`
}
