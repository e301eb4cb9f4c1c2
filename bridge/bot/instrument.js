'use strict'
// Source transform for sandboxed code: every `while`, `do ... while` and
// classic `for` loop calls the step's tick before each iteration, and every
// `for ... of` iterates through the tick, so a runaway loop ends with an error
// once the step is over. It works on tokens, not a full parse: code that
// confuses the scanner at worst stays uninstrumented, and the Python side
// still kills a bridge that stops answering. Newlines are never added, so
// line numbers in stack traces stay those of the submitted code.

const TICK = '__voyagerTick'
const ITER = '__voyagerIter'
const ASYNC_ITER = '__voyagerAsyncIter'
const RESERVED_PREFIX = '__voyager'

// After these tokens a `/` starts a regular expression, not a division.
const REGEX_AFTER_WORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw',
  'case', 'do', 'else', 'yield', 'await'
])

function isIdentStart (ch) {
  return /[A-Za-z_$\u0080-\uffff]/.test(ch)
}

function isIdentPart (ch) {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(ch)
}

// Splits source into tokens {type, value, start, end}; strings, comments,
// regexes and template text are opaque, template `${...}` parts are scanned.
function tokenize (src) {
  const tokens = []
  const braces = [] // 'block' or 'template' for each open `{` / `${`
  let i = 0
  let last = null
  const push = (type, start, end) => {
    last = { type, value: src.slice(start, end), start, end }
    tokens.push(last)
  }
  const regexAllowed = () => {
    if (!last) return true
    if (last.type === 'name') return REGEX_AFTER_WORDS.has(last.value)
    if (last.type === 'punct') return !/^[)\]}]$/.test(last.value)
    return false
  }
  const scanTemplateText = (start) => {
    // Scans from just after a backtick or a closing `}` of `${`; returns index after the part.
    let j = start
    while (j < src.length) {
      const ch = src[j]
      if (ch === '\\') { j += 2; continue }
      if (ch === '`') return { end: j + 1, opensExpression: false }
      if (ch === '$' && src[j + 1] === '{') return { end: j + 2, opensExpression: true }
      j++
    }
    throw new SyntaxError('Unterminated template literal')
  }
  while (i < src.length) {
    const ch = src[i]
    if (/\s/.test(ch)) { i++; continue }
    if (ch === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i)
      i = end === -1 ? src.length : end
      continue
    }
    if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2)
      if (end === -1) throw new SyntaxError('Unterminated comment')
      i = end + 2
      continue
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\') j++
        else if (src[j] === '\n') throw new SyntaxError('Unterminated string')
        j++
      }
      if (j >= src.length) throw new SyntaxError('Unterminated string')
      push('string', i, j + 1)
      i = j + 1
      continue
    }
    if (ch === '`') {
      const part = scanTemplateText(i + 1)
      push('template', i, part.end)
      if (part.opensExpression) braces.push('template')
      i = part.end
      continue
    }
    if (ch === '/' && regexAllowed()) {
      let j = i + 1
      let inClass = false
      while (j < src.length) {
        const c = src[j]
        if (c === '\\') { j += 2; continue }
        if (c === '\n') throw new SyntaxError('Unterminated regular expression')
        if (c === '[') inClass = true
        else if (c === ']') inClass = false
        else if (c === '/' && !inClass) break
        j++
      }
      j++
      while (j < src.length && isIdentPart(src[j])) j++
      push('regex', i, j)
      i = j
      continue
    }
    if (isIdentStart(ch)) {
      let j = i + 1
      while (j < src.length && isIdentPart(src[j])) j++
      push('name', i, j)
      i = j
      continue
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1]))) {
      let j = i + 1
      while (j < src.length && /[0-9A-Za-z_.]/.test(src[j])) j++
      push('number', i, j)
      i = j
      continue
    }
    if (ch === '{') {
      braces.push('block')
      push('punct', i, i + 1)
      i++
      continue
    }
    if (ch === '}') {
      if (braces.pop() === 'template') {
        const part = scanTemplateText(i + 1)
        push('template', i, part.end)
        if (part.opensExpression) braces.push('template')
        i = part.end
        continue
      }
      push('punct', i, i + 1)
      i++
      continue
    }
    if (ch === '.' && src[i + 1] === '.' && src[i + 2] === '.') {
      push('punct', i, i + 3)
      i += 3
      continue
    }
    push('punct', i, i + 1)
    i++
  }
  return tokens
}

// Index of the token closing the bracket opened at tokens[open].
function matchingClose (tokens, open) {
  const pairs = { '(': ')', '[': ']', '{': '}' }
  const stack = []
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.type !== 'punct') continue
    if (pairs[t.value]) stack.push(pairs[t.value])
    else if (t.value === ')' || t.value === ']' || t.value === '}') {
      if (stack.pop() !== t.value) return -1
      if (stack.length === 0) return k
    }
  }
  return -1
}

// Top-level positions of `;` and of the `of` keyword inside a for header.
function forHeaderParts (tokens, open, close) {
  const semicolons = []
  let ofIndex = -1
  let depth = 0
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k]
    if (t.type === 'punct' && /^[([{]$/.test(t.value)) depth++
    else if (t.type === 'punct' && /^[)\]}]$/.test(t.value)) depth--
    else if (depth === 0 && t.type === 'punct' && t.value === ';') semicolons.push(k)
    else if (depth === 0 && t.type === 'name' && t.value === 'of' && ofIndex === -1 && k > open + 1) ofIndex = k
  }
  return { semicolons, ofIndex }
}

function loopEdits (tokens) {
  const edits = []
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.type !== 'name' || (t.value !== 'while' && t.value !== 'for')) continue
    const prev = tokens[k - 1]
    if (prev && prev.type === 'punct' && prev.value === '.') continue
    let open = k + 1
    const isAwait = t.value === 'for' && tokens[open]?.value === 'await'
    if (isAwait) open++
    if (tokens[open]?.value !== '(') continue
    const close = matchingClose(tokens, open)
    if (close === -1) continue
    if (t.value === 'while') {
      edits.push([tokens[open].end, `${TICK}() && (`], [tokens[close].start, ')'])
      continue
    }
    const { semicolons, ofIndex } = forHeaderParts(tokens, open, close)
    if (semicolons.length === 2) {
      const [first, second] = semicolons
      if (second === first + 1) edits.push([tokens[first].end, ` ${TICK}()`])
      else edits.push([tokens[first].end, ` ${TICK}() && (`], [tokens[second].start, ')'])
    } else if (ofIndex !== -1) {
      edits.push([tokens[ofIndex].end, ` ${isAwait ? ASYNC_ITER : ITER}(`], [tokens[close].start, ')'])
    }
  }
  return edits
}

function applyEdits (src, edits) {
  const sorted = edits.slice().sort((a, b) => b[0] - a[0])
  let out = src
  for (const [pos, text] of sorted) out = out.slice(0, pos) + text + out.slice(pos)
  return out
}

function instrumentLoops (src) {
  if (src.includes(RESERVED_PREFIX)) {
    throw new SyntaxError(`Names starting with ${RESERVED_PREFIX} are reserved; rename them`)
  }
  return applyEdits(src, loopEdits(tokenize(src)))
}

// A declaration starts a statement: after `;`, `}` or a line break.
function startsStatement (src, tokens, k) {
  let first = k
  if (tokens[k - 1]?.value === 'async') first = k - 1
  const prev = tokens[first - 1]
  if (!prev || prev.value === ';' || prev.value === '}') return true
  return src.slice(prev.end, tokens[first].start).includes('\n') && !/^[=(,:?[!&|+\-*/]$/.test(prev.value)
}

// Names of the functions declared at the top level of a script.
function topLevelFunctionNames (src) {
  const names = []
  let depth = 0
  const tokens = tokenize(src)
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.type === 'punct' && (t.value === '{' || t.value === '(' || t.value === '[')) depth++
    else if (t.type === 'punct' && (t.value === '}' || t.value === ')' || t.value === ']')) depth--
    else if (depth === 0 && t.type === 'name' && t.value === 'function' && startsStatement(src, tokens, k)) {
      let n = k + 1
      if (tokens[n]?.value === '*') n++
      if (tokens[n]?.type === 'name') names.push(tokens[n].value)
    }
  }
  return names
}

module.exports = { instrumentLoops, topLevelFunctionNames, tokenize, TICK, ITER, ASYNC_ITER }
