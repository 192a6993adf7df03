/**
 * Where a CPU profile's time goes (`node --cpu-prof`): self time summed by module (a package, a
 * file of ours, a part of Node) and by function, as shares of the time the process was not idle.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[]
  samples: number[]
  timeDeltas: number[]
}

export interface Share {
  name: string
  ms: number
  share: number
}

export interface ProfileSummary {
  /** Milliseconds the process was busy (not idle). */
  busyMs: number
  modules: Share[]
  functions: Share[]
}

/** The module a frame belongs to: a package name, `server src/…` for ours, `node:…` for Node's own. */
export function moduleOf({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const path = url.replace(/^file:\/\//, '')
  const modules = path.lastIndexOf('/node_modules/')
  if (modules >= 0) {
    const [first = '', second = ''] = path.slice(modules + '/node_modules/'.length).split('/')
    return first.startsWith('@') ? `${first}/${second}` : first
  }
  const ours = /\/packages\/([^/]+)\/(.+)$/.exec(path)
  if (ours) return `${ours[1]} ${ours[2]}`
  if (path.startsWith('node:')) {
    const parts = path
      .slice('node:'.length)
      .split('/')
      .filter((part) => part !== 'internal' && part !== 'deps')
    return `node:${(parts[0] ?? '').replace(/^_/, '')}`
  }
  return path
}

const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${moduleOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`

function top(totals: Map<string, number>, busy: number, limit: number): Share[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }))
}

export function summariseProfile(profile: CpuProfile, limit = 15): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const modules = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)
    const us = profile.timeDeltas[i + 1] ?? 0
    if (!frame || frame.functionName === '(idle)') return
    busy += us
    const module = moduleOf(frame)
    modules.set(module, (modules.get(module) ?? 0) + us)
    functions.set(label(frame), (functions.get(label(frame)) ?? 0) + us)
  })
  return { busyMs: busy / 1000, modules: top(modules, busy, limit), functions: top(functions, busy, limit) }
}

/**
 * The main-thread profiles written into `dir`. Node names them `CPU.date.time.pid.thread.seq`; other
 * threads (tsx's module loader) are left out.
 */
export function profilesIn(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))
  } catch {
    return []
  }
  const main = names.filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
  return (main.length > 0 ? main : names).map((name) => join(dir, name))
}

export function formatProfile(file: string, limit = 12): string {
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, limit)
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`
  return [
    `${file} (${(summary.busyMs / 1000).toFixed(1)} s busy)`,
    '  self time by module:',
    ...summary.modules.map((m) => `  ${pct(m.share)}  ${m.name}`),
    '  self time by function:',
    ...summary.functions.map((f) => `  ${pct(f.share)}  ${f.name}`),
  ].join('\n')
}
