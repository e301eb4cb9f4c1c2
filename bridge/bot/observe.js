'use strict'
// Builds the observation of the step contract (voyager/env/contract.py, whose
// JSON Schema is protocol.schema.json) from
// the bot's view of the world. Block scans are cached until the bot moves to
// another block or a block or chunk around it changes, so that an idle step
// costs almost nothing.

const { Vec3 } = require('vec3')
const { CHEST_NAMES } = require('./chests')
const { times_of_day: TIMES_OF_DAY } = require('./contract.json')

const EQUIPMENT_SLOTS = [5, 6, 7, 8] // head, chest, legs, feet in the player inventory window
const OFFHAND_SLOT = 45
const ENTITY_RANGE = 32
const NEAREST_RANGE = 32
const VOXEL_REACH = { x: 8, y: 2, z: 8 }
const NOT_MOBS = new Set(['player', 'item', 'experience_orb', 'arrow', 'falling_block'])
const BLOCK_RECORDS_KEPT = 64

function timeOfDay (ticks) {
  return TIMES_OF_DAY.find(([below]) => ticks % 24000 < below)[1]
}

// Servers that never send a value leave it undefined or NaN, which JSON cannot carry.
function finite (value, fallback) {
  return Number.isFinite(value) ? value : fallback
}

function xyz (v) {
  return { x: v.x, y: v.y, z: v.z }
}

class Observer {
  constructor (bot, chests) {
    this.bot = bot
    this.chests = chests
    this.worldVersion = 0
    this.scanKey = null
    this.scan = null
    this.blockRecords = [] // most recent last
    this.ticks = 0
    bot.on('physicsTick', () => { this.ticks++ })
    bot.on('blockUpdate', () => { this.worldVersion++ })
    bot.on('chunkColumnLoad', () => { this.worldVersion++ })
  }

  observe (events) {
    const scan = this.blockScan()
    this.rememberBlocks(scan.voxels)
    const inventory = this.inventory()
    return {
      status: this.status(),
      voxels: scan.voxels,
      blockRecords: this.blockRecords.filter((name) => !(name in inventory)),
      nearestBlocks: scan.nearest,
      inventory,
      nearbyChests: this.chests.observe(scan.chests),
      events
    }
  }

  // Called periodically during a step so that blocks passed on the way are remembered.
  recordVoxels () {
    this.rememberBlocks(this.blockScan().voxels)
  }

  rememberBlocks (names) {
    for (const name of names) {
      const index = this.blockRecords.indexOf(name)
      if (index !== -1) this.blockRecords.splice(index, 1)
      this.blockRecords.push(name)
    }
    if (this.blockRecords.length > BLOCK_RECORDS_KEPT) {
      this.blockRecords.splice(0, this.blockRecords.length - BLOCK_RECORDS_KEPT)
    }
  }

  status () {
    const bot = this.bot
    const entity = bot.entity
    const feet = bot.blockAt(entity.position)
    const slots = bot.inventory.slots
    const name = (item) => (item ? item.name : null)
    return {
      health: bot.health,
      food: bot.food,
      saturation: finite(bot.foodSaturation, 0),
      oxygen: finite(bot.oxygenLevel, 20),
      position: xyz(entity.position),
      velocity: xyz(entity.velocity),
      yaw: entity.yaw,
      pitch: entity.pitch,
      onGround: entity.onGround,
      equipment: [...EQUIPMENT_SLOTS.map((s) => name(slots[s])), name(bot.heldItem), name(slots[OFFHAND_SLOT])],
      biome: this.biomeName(feet),
      entities: this.nearbyEntities(),
      timeOfDay: timeOfDay(bot.time.timeOfDay),
      inventoryUsed: slots.slice(bot.inventory.inventoryStart, bot.inventory.inventoryEnd).filter((s) => s).length,
      elapsedTime: this.ticks,
      light: feet ? Math.max(feet.light || 0, feet.skyLight || 0) : 0,
      dimension: String(bot.game.dimension || 'overworld').replace(/^minecraft:/, '')
    }
  }

  biomeName (block) {
    if (!block || !block.biome) return 'unknown'
    // mineflayer leaves biome.name empty on 1.20.4: map the id through the registry.
    return block.biome.name || this.bot.registry.biomes[block.biome.id]?.name || 'unknown'
  }

  nearbyEntities () {
    const here = this.bot.entity.position
    const nearest = {}
    for (const entity of Object.values(this.bot.entities)) {
      if (entity === this.bot.entity || !entity.name || NOT_MOBS.has(entity.name)) continue
      if (entity.type === 'object' || entity.type === 'projectile' || entity.type === 'orb') continue
      const distance = entity.position.distanceTo(here)
      if (distance > ENTITY_RANGE) continue
      if (!(entity.name in nearest) || distance < nearest[entity.name]) nearest[entity.name] = Math.round(distance * 100) / 100
    }
    return nearest
  }

  inventory () {
    const counts = {}
    for (const item of this.bot.inventory.items()) counts[item.name] = (counts[item.name] || 0) + item.count
    return counts
  }

  blockScan () {
    const p = this.bot.entity.position.floored()
    const key = `${p.x},${p.y},${p.z}:${this.worldVersion}`
    if (key !== this.scanKey) {
      const t0 = Date.now()
      this.scan = this.scanAround(p)
      if (process.env.VOYAGER_BRIDGE_DEBUG) process.stderr.write(`scan ${key} ${Date.now() - t0} ms\n`)
      this.scanKey = key
    }
    return this.scan
  }

  // One pass over the loaded blocks within NEAREST_RANGE: the nearest position
  // of each kind, the kinds inside the voxel box, and where the chests are.
  scanAround (center) {
    const world = this.bot.world
    const registry = this.bot.registry
    const minY = Math.max(center.y - NEAREST_RANGE, this.bot.game.minY ?? -64)
    const maxY = Math.min(center.y + NEAREST_RANGE, (this.bot.game.minY ?? -64) + (this.bot.game.height ?? 384) - 1)
    const best = new Map() // name -> [distanceSquared, x, y, z]
    const voxels = new Set()
    const chests = []
    const cursor = new Vec3(0, 0, 0)
    const nameOf = new Map()
    const local = new Vec3(0, 0, 0)
    for (let x = center.x - NEAREST_RANGE; x <= center.x + NEAREST_RANGE; x++) {
      for (let z = center.z - NEAREST_RANGE; z <= center.z + NEAREST_RANGE; z++) {
        const column = world.getColumnAt(cursor.set(x, 0, z))
        if (!column) continue
        for (let y = minY; y <= maxY; y++) {
          const stateId = column.getBlockStateId(local.set(x & 15, y, z & 15))
          if (!stateId) continue
          let name = nameOf.get(stateId)
          if (name === undefined) {
            name = registry.blocksByStateId[stateId]?.name || 'unknown'
            nameOf.set(stateId, name)
          }
          if (name === 'air' || name === 'cave_air' || name === 'void_air') continue
          const dx = x - center.x
          const dy = y - center.y
          const dz = z - center.z
          if (Math.abs(dx) <= VOXEL_REACH.x && Math.abs(dy) <= VOXEL_REACH.y && Math.abs(dz) <= VOXEL_REACH.z) voxels.add(name)
          const d2 = dx * dx + dy * dy + dz * dz
          if (d2 > NEAREST_RANGE * NEAREST_RANGE) continue
          if (CHEST_NAMES.has(name)) chests.push(new Vec3(x, y, z))
          const current = best.get(name)
          if (!current || d2 < current[0]) best.set(name, [d2, x, y, z])
        }
      }
    }
    const nearest = {}
    for (const [name, [, x, y, z]] of [...best].sort((a, b) => a[1][0] - b[1][0])) nearest[name] = { x, y, z }
    return { voxels: [...voxels].sort(), nearest, chests }
  }
}

module.exports = { Observer, timeOfDay }
