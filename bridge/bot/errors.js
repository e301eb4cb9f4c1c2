'use strict'
// Turns an error thrown by sandboxed code into a message an LLM can act on:
// the error itself, then the lines of the submitted program (and of the
// skills and primitives it called) where it happened, innermost first.

const WRAPPER_LINES = 1 // every evaluated source starts with one line of wrapper
const FRAME = /(program\.js|skill\/[\w$]+\.js|primitive\/[\w$]+\.js):(\d+):(\d+)/
const MAX_FRAMES = 4

function describeSource (file) {
  if (file === 'program.js') return 'the program'
  const [kind, name] = file.replace(/\.js$/, '').split('/')
  return `${kind} ${name}`
}

function sourceLine (sources, file, line) {
  const text = sources.get(file)
  if (text === undefined) return ''
  return (text.split('\n')[line - 1] || '').trim()
}

// `sources` maps a file name (program.js, skill/<name>.js, primitive/<name>.js)
// to the code as it was submitted.
function describeError (err, sources) {
  const head = err instanceof Error || (err && typeof err.message === 'string')
    ? `${err.name || 'Error'}: ${err.message}`
    : `Thrown value: ${safeString(err)}`
  const stack = err && typeof err.stack === 'string' ? err.stack : ''
  const lines = []
  const seen = new Set()
  for (const frame of stack.split('\n').slice(1)) {
    const match = FRAME.exec(frame)
    if (!match) continue
    const [, file, rawLine] = match
    const line = Number(rawLine) - WRAPPER_LINES
    const key = `${file}:${line}`
    if (seen.has(key) || line < 1) continue
    seen.add(key)
    lines.push(`at line ${line} of ${describeSource(file)}: ${sourceLine(sources, file, line)}`)
    if (lines.length === MAX_FRAMES) break
  }
  return [head, ...lines].join('\n')
}

function safeString (value) {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

// A SyntaxError from compiling `wrapped` with node:vm names the line in its stack.
function describeSyntaxError (err, file, sources) {
  const match = new RegExp(`${file.replace('.', '\\.')}:(\\d+)`).exec(err.stack || '')
  if (!match) return `SyntaxError: ${err.message}`
  const line = Number(match[1]) - WRAPPER_LINES
  return `SyntaxError: ${err.message}\nat line ${line} of ${describeSource(file)}: ${sourceLine(sources, file, line)}`
}

module.exports = { describeError, describeSyntaxError, WRAPPER_LINES }
