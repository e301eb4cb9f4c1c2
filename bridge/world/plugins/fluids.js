// Water and lava flow as vanilla 1.20.4's FlowingFluid makes them flow: a
// change next to a fluid schedules its next step (water every 5 ticks, lava
// every 30); a flowing block takes its level from its neighbours (one less
// than the highest beside it, full under a fluid, a new water source between
// two sources over solid ground) and dries up without them; a fluid falls
// first, then spreads sideways toward the nearest way down within reach,
// washing plants and torches away. Lava touching water from above or a side
// turns into obsidian (a source) or cobblestone (flowing); lava flowing down
// into water makes stone. Settled terrain stands still until something next
// to it changes, as in vanilla. Rules in data/fluids.json.
'use strict'

const { Vec3 } = require('vec3')
const data = require('../data/fluids.json')
const { MIN_Y, HEIGHT } = require('../terrain/generator')

const SIDES = [new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
const UP = new Vec3(0, 1, 0)
const DOWN = new Vec3(0, -1, 0)
const FULL = 8
const AIR = new Set(['air', 'cave_air', 'void_air'])

module.exports.server = function (serv) {
  const { registry } = serv
  const waterSources = new Set(data.water_sources)
  const holdsNoFluid = (name) => data.holds_no_fluid.some((rule) => (rule.startsWith('_') ? name.endsWith(rule) : name === rule))
  const scheduled = new Map()

  // null where the column is not loaded or outside the world's height
  function blockAt (world, pos) {
    if (pos.y < MIN_Y || pos.y >= MIN_Y + HEIGHT || !world.sync.getColumnAt(pos)) return null
    return registry.blocksByStateId[world.sync.getBlockStateId(pos)]
  }

  // { name, source, amount, falling } of the fluid at pos, or null
  function fluidAt (world, pos) {
    const block = blockAt(world, pos)
    if (!block) return null
    if (waterSources.has(block.name)) return { name: 'water', source: true, amount: FULL, falling: false, fixed: true }
    if (block.name !== 'water' && block.name !== 'lava') return null
    const level = world.sync.getBlockStateId(pos) - block.minStateId
    if (level === 0) return { name: block.name, source: true, amount: FULL, falling: false }
    return { name: block.name, source: false, amount: level >= 8 ? FULL : FULL - level, falling: level >= 8 }
  }

  function stateOf (name, fluid) {
    const level = fluid.source ? 0 : (fluid.falling ? 8 : FULL - fluid.amount)
    return registry.blocksByName[name].minStateId + level
  }

  // A block a flow may enter (and wash away) or pass through: vanilla's canHoldFluid.
  function canHold (block) {
    if (!block) return false
    if (AIR.has(block.name) || block.name === 'water' || block.name === 'lava') return true
    return block.boundingBox === 'empty' && !waterSources.has(block.name) && !holdsNoFluid(block.name)
  }

  const isSourceOf = (world, pos, name) => fluidAt(world, pos)?.name === name && fluidAt(world, pos).source
  const canPassThrough = (world, pos, name) => canHold(blockAt(world, pos)) && !isSourceOf(world, pos, name)
  const isHole = (world, pos, name) => fluidAt(world, pos)?.name === name || canHold(blockAt(world, pos))

  // What the block at pos should hold, from its neighbours (null: nothing).
  function newLiquid (world, pos, name) {
    const rules = data.fluids[name]
    let highest = 0
    let sources = 0
    for (const side of SIDES) {
      const fluid = fluidAt(world, pos.plus(side))
      if (fluid?.name !== name) continue
      if (fluid.source) sources++
      highest = Math.max(highest, fluid.amount)
    }
    if (rules.makes_sources && sources >= 2) {
      const below = blockAt(world, pos.plus(DOWN))
      if (below?.boundingBox === 'block' || isSourceOf(world, pos.plus(DOWN), name)) return { source: true, amount: FULL, falling: false }
    }
    if (fluidAt(world, pos.plus(UP))?.name === name) return { source: false, amount: FULL, falling: true }
    const amount = highest - rules.drop_off
    return amount > 0 ? { source: false, amount, falling: false } : null
  }

  function schedule (world, pos, name) {
    const key = `${name}@${pos}`
    const at = serv.tickCount + data.fluids[name].tick_delay
    if ((scheduled.get(key) ?? -1) >= serv.tickCount) return
    scheduled.set(key, at)
    serv.updateBlock(world, pos.clone(), serv.tickCount, at, false, { flow: name })
  }

  // One step of the fluid at pos: settle its own level, then spread.
  async function step (world, pos, name) {
    scheduled.delete(`${name}@${pos}`)
    const here = fluidAt(world, pos)
    if (here?.name !== name) return
    let fluid = here
    if (!here.source) {
      const next = newLiquid(world, pos, name)
      if (!next) return serv.setBlock(world, pos, 0)
      if (next.amount !== here.amount || next.falling !== here.falling || next.source) {
        fluid = next
        await serv.setBlock(world, pos, stateOf(name, next))
      }
    }
    await spread(world, pos, name, fluid)
  }

  async function spread (world, pos, name, fluid) {
    const below = pos.plus(DOWN)
    if (canSpreadTo(world, below, name, true)) {
      await spreadTo(world, below, name, { source: false, amount: FULL, falling: true }, true)
      if (countSources(world, pos, name) >= 3) await spreadToSides(world, pos, name, fluid)
    } else if (fluid.source || !isHole(world, below, name)) {
      await spreadToSides(world, pos, name, fluid)
    }
  }

  function countSources (world, pos, name) {
    return SIDES.filter((side) => isSourceOf(world, pos.plus(side), name)).length
  }

  // Into an empty or washable block; lava also into water below it.
  function canSpreadTo (world, pos, name, down) {
    const block = blockAt(world, pos)
    if (!canHold(block)) return false
    const fluid = fluidAt(world, pos)
    if (!fluid) return true
    return down && name === 'lava' && fluid.name === 'water'
  }

  async function spreadToSides (world, pos, name, fluid) {
    const left = fluid.falling ? FULL - 1 : fluid.amount - data.fluids[name].drop_off
    if (left <= 0) return
    for (const side of sidesTowardsHoles(world, pos, name)) {
      const target = pos.plus(side)
      if (!canSpreadTo(world, target, name, false)) continue
      const next = newLiquid(world, target, name)
      if (next) await spreadTo(world, target, name, next, false)
    }
  }

  // The sides whose way down is nearest (all passable sides when none is near).
  function sidesTowardsHoles (world, pos, name) {
    let best = Infinity
    let sides = []
    for (const side of SIDES) {
      const next = pos.plus(side)
      if (!canPassThrough(world, next, name)) continue
      const distance = isHole(world, next.plus(DOWN), name) ? 0 : slopeDistance(world, next, 1, side.scaled(-1), name)
      if (distance < best) sides = []
      if (distance <= best) {
        sides.push(side)
        best = distance
      }
    }
    return sides
  }

  function slopeDistance (world, pos, depth, from, name) {
    let best = Infinity
    for (const side of SIDES) {
      if (side.equals(from)) continue
      const next = pos.plus(side)
      if (!canPassThrough(world, next, name)) continue
      if (isHole(world, next.plus(DOWN), name)) return depth
      if (depth < data.fluids[name].slope_find_distance) best = Math.min(best, slopeDistance(world, next, depth + 1, side.scaled(-1), name))
    }
    return best
  }

  async function spreadTo (world, pos, name, fluid, down) {
    const block = await world.getBlock(pos)
    if (down && name === 'lava' && fluidAt(world, pos)?.name === 'water') {
      return serv.setBlock(world, pos, registry.blocksByName[data.lava_meets_water.flowing_down].defaultState)
    }
    if (!AIR.has(block.name) && !fluidAt(world, pos) && data.fluids[name].drops_what_it_washes_away) {
      for (const item of serv.blockDrops(block, null)) serv.spawnItemEntity(world, pos.offset(0.5, 0.25, 0.5), item)
    }
    await serv.setBlock(world, pos, stateOf(name, fluid))
  }

  // Lava with water above or beside it hardens.
  async function hardens (world, pos) {
    const lava = fluidAt(world, pos)
    if (lava?.name !== 'lava') return false
    if (![UP, ...SIDES].some((d) => fluidAt(world, pos.plus(d))?.name === 'water')) return false
    const into = lava.source ? data.lava_meets_water.source : data.lava_meets_water.flowing
    await serv.setBlock(world, pos, registry.blocksByName[into].defaultState)
    serv.playSound('block.lava.extinguish', world, pos.offset(0.5, 0.5, 0.5))
    return true
  }

  // Neighbour changes and scheduled steps both come as flying-squid block updates.
  function onUpdate (name) {
    return async (world, block, fromTick, tick, update) => {
      const pos = block.position
      if (update?.flow === name) await step(world, pos, name)
      else if (!(name === 'lava' && await hardens(world, pos))) schedule(world, pos, name)
      return false
    }
  }

  serv.once('pluginsReady', () => {
    serv.onBlockUpdate('water', onUpdate('water'))
    serv.onBlockUpdate('lava', onUpdate('lava'))
    for (const name of waterSources) serv.onBlockUpdate(name, onUpdate('water'))
  })

  serv.fluidAt = fluidAt
  // The block state of a fluid source, for buckets.
  serv.fluidSourceState = (name) => registry.blocksByName[name].minStateId
}
