'use strict'
// Runs generated code inside an SES Compartment (after lockdown, see main.js).
// One compartment per version of the skill library: the primitives and the
// learned skills are loaded once into it (loader.js), then its global object is frozen,
// and every step evaluates just its program there. Endowed: the primitives,
// the skills, mcData (a hardened copy), Vec3, the pathfinder goals, Math,
// Date, console, step-scoped timers; nothing else of the host.

/* global Compartment, harden */

const util = require('util')
const vm = require('vm')
const { Vec3 } = require('vec3')
const { goals } = require('mineflayer-pathfinder')
const { instrumentLoops } = require('./instrument')
const { loadLibrary, wrapProgram } = require('./loader')
const { describeError, describeSyntaxError } = require('./errors')
const { StepScope, StepOver } = require('./scope')

const GOAL_NAMES = [
  'GoalBlock', 'GoalNear', 'GoalXZ', 'GoalNearXZ', 'GoalY', 'GoalGetToBlock', 'GoalLookAtBlock',
  'GoalBreakBlock', 'GoalCompositeAny', 'GoalCompositeAll', 'GoalInvert', 'GoalFollow', 'GoalPlaceBlock'
]
const MCDATA_TABLES = [
  'version', 'blocks', 'blocksByName', 'blocksArray', 'items', 'itemsByName', 'itemsArray',
  'foods', 'foodsByName', 'foodsArray', 'entities', 'entitiesByName', 'entitiesArray',
  'biomes', 'biomesByName', 'biomesArray', 'recipes', 'enchantments', 'enchantmentsByName',
  'enchantmentsArray', 'effects', 'effectsByName', 'effectsArray', 'materials', 'blockLoot',
  'entityLoot'
]
const LOAD_SECONDS = 5

function hardenedMcData (registry) {
  const tables = {}
  for (const key of MCDATA_TABLES) if (registry[key] !== undefined) tables[key] = registry[key]
  // A JSON copy: plain data only, and nothing the host's own registry shares.
  return harden(JSON.parse(JSON.stringify(tables)))
}

function syntaxCheck (wrapped, file, sources) {
  try {
    // Compiles only: nothing runs in the host.
    new vm.Script(wrapped, { filename: file }) // eslint-disable-line no-new
    return null
  } catch (err) {
    return describeSyntaxError(err, file, sources)
  }
}

class Sandbox {
  // `primitives`: file name (without .js) -> source, the files of skills/.
  constructor (registry, primitives) {
    this.mcData = hardenedMcData(registry)
    this.primitives = new Map(Object.entries(primitives).sort(([a], [b]) => a.localeCompare(b)))
    this.scope = new StepScope(0)
    this.scope.end('no step is running')
    this.sources = new Map()
    this.skillsVersion = null
    this.build({})
  }

  endowments () {
    const scope = () => this.scope
    const tick = () => scope().tick()
    const log = (...args) => {
      const line = scope().consoleLine(util.format(...args))
      if (line !== null) process.stderr.write(`[program] ${line}\n`)
    }
    const endowed = {
      mcData: this.mcData,
      Vec3,
      Math,
      Date,
      console: { log, info: log, warn: log, error: log, debug: log },
      setTimeout: (fn, ms, ...args) => scope().setTimer('setTimeout', fn, ms, args),
      setInterval: (fn, ms, ...args) => scope().setTimer('setInterval', fn, ms, args),
      clearTimeout: (handle) => scope().clearTimer(handle),
      clearInterval: (handle) => scope().clearTimer(handle),
      stepFailures: { add: (primitive) => scope().addFailure(String(primitive)) },
      // Ways to run code the loop instrumentation cannot reach, or to block the
      // event loop without a loop: a child Compartment has no transforms,
      // Atomics.wait sleeps, WebAssembly loops run natively.
      Compartment: undefined,
      Atomics: undefined,
      SharedArrayBuffer: undefined,
      WebAssembly: undefined,
      __voyagerTick: tick,
      __voyagerIter: function * (iterable) {
        for (const item of iterable) {
          tick()
          yield item
        }
      },
      __voyagerAsyncIter: async function * (iterable) {
        for await (const item of iterable) {
          tick()
          yield item
        }
      }
    }
    for (const name of GOAL_NAMES) endowed[name] = goals[name]
    return harden(endowed)
  }

  // Evaluates `wrapped` (made from `code`) under `file`; throws an Error that
  // names the code's own lines.
  evaluate (compartment, wrapped, file, code) {
    this.sources.set(file, code)
    const problem = syntaxCheck(wrapped, file, this.sources)
    if (problem) throw new Error(problem)
    try {
      return compartment.evaluate(`${wrapped}\n//# sourceURL=${file}`)
    } catch (err) {
      throw new Error(this.describe(err))
    }
  }

  // A fresh compartment with the primitives and `skills` (name -> code).
  build (skills) {
    const compartment = new Compartment({
      __options__: true,
      name: 'voyager-program',
      globals: this.endowments(),
      transforms: [instrumentLoops]
    })
    this.sources = new Map()
    const loadScope = new StepScope(LOAD_SECONDS)
    this.scope = loadScope
    const result = loadLibrary({
      evaluate: (wrapped, file, code) => this.evaluate(compartment, wrapped, file, code),
      has: (name) => name in compartment.globalThis,
      define: (name, fn) => { compartment.globalThis[name] = fn }
    }, Object.fromEntries(this.primitives), skills)
    loadScope.end('the library finished loading')
    Object.freeze(compartment.globalThis)
    this.compartment = compartment
    return { loaded: result.loaded, failed: result.failed }
  }

  loadSkills (version, skills) {
    const result = this.build(skills)
    this.skillsVersion = version
    return { version, ...result }
  }

  // Runs `code` with `view` as its `bot`; resolves when it ends, or rejects
  // with an Error whose message points at the program's lines.
  async run (code, view, scope) {
    this.scope = scope
    const program = this.evaluate(this.compartment, wrapProgram(code), 'program.js', code)
    let timer
    const overtime = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        scope.end(`the program ran longer than ${scope.timeoutSeconds} s`)
        reject(new StepOver(`The program ran longer than ${scope.timeoutSeconds} s and was stopped; split the task into shorter programs`))
      }, Math.max(0, scope.deadline - Date.now()))
    })
    try {
      await Promise.race([program(view), overtime])
    } catch (err) {
      throw new Error(err instanceof StepOver ? err.message : this.describe(err))
    } finally {
      clearTimeout(timer)
    }
  }

  describe (err) {
    try {
      return describeError(err, this.sources)
    } catch {
      return 'Error: the program threw a value that cannot be described'
    }
  }
}

module.exports = { Sandbox }
