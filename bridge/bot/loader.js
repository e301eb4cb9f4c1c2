'use strict'
// Loading the control primitives (skills/*.js) and the learned skills into a
// program scope: the same rules and messages in the bot process (an SES
// Compartment, sandbox.js) and in the mock world (QuickJS, runtime.py). Each
// source is wrapped in a function that returns what it defines; a skill must
// be a function of its own name that hides nothing already in scope; what
// does not load is reported with the reason. Engine-neutral: it requires
// nothing but instrument.js.
//
// `scope` is the engine's side:
//   evaluate(wrapped, file, code) -> the value of `wrapped`; throws an Error
//     whose message is written for the model (its lines are those of `code`)
//   has(name) -> whether `name` is already defined in the scope
//   define(name, fn) puts `fn` in the scope under `name`

const { topLevelFunctionNames } = require('./instrument')

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

// Loads every primitive (a primitive that does not load is an error of ours)
// and every skill; returns {loaded, failed: {name: why}, primitives: names}.
function loadLibrary (scope, primitives, skills) {
  const primitiveNames = []
  for (const file of Object.keys(primitives).sort()) {
    const code = primitives[file]
    const names = topLevelFunctionNames(code)
    let defined
    try {
      defined = scope.evaluate(wrapFunctions(code, names), `primitive/${file}.js`, code)
    } catch (err) {
      throw new Error(`Primitive file skills/${file}.js does not load: ${err.message}`)
    }
    for (const name of names) scope.define(name, defined[name])
    primitiveNames.push(...names)
  }
  const loaded = []
  const failed = {}
  for (const [name, code] of Object.entries(skills)) {
    const problem = loadSkill(scope, name, String(code))
    if (problem) failed[name] = problem
    else loaded.push(name)
  }
  return { loaded, failed, primitives: primitiveNames }
}

function loadSkill (scope, name, code) {
  if (!IDENTIFIER.test(name)) return `"${name}" is not a JavaScript function name`
  if (scope.has(name)) return `"${name}" would hide a primitive or a built-in of the same name`
  let defined
  try {
    defined = scope.evaluate(wrapFunctions(code, [name]), `skill/${name}.js`, code)
  } catch (err) {
    return err.message
  }
  if (typeof defined[name] !== 'function') return `the code defines no function named ${name}`
  scope.define(name, defined[name])
  return null
}

// One line of wrapper before the code, so that its line N is line N + 1 of the whole.
function wrapFunctions (code, names) {
  const exported = names.map((name) => `${name}: typeof ${name} === 'function' ? ${name} : undefined`)
  return `(function () {\n${code}\nreturn { ${exported.join(', ')} }\n})()`
}

// The program as an async function of `bot`, so that it may await at its top level.
function wrapProgram (code) {
  return `(async function program (bot) {\n${code}\n})`
}

module.exports = { loadLibrary, wrapProgram }
