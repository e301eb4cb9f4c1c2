// Plants that grow and plants that fall, as vanilla 1.20.4: a plant whose
// support goes (the block below broken, farmland turned to dirt, a block set
// beside a cactus, the water beside sugar cane gone) breaks and drops; on
// random ticks saplings take two stages and then grow the tree of their
// species (when its trunk has room), sugar cane and cactus grow up to 3
// high, bamboo up to 16, kelp up to age 25. Bone meal: saplings advance with
// chance 0.45, bamboo grows 1-2 blocks, kelp 1, and a grass block sprouts
// short grass and flowers around it. Numbers in data/plants.json; tree shapes
// are the terrain's (terrain/features.js, data/terrain.json).
'use strict'

const plants = require('../data/plants.json')
const terrain = require('../data/terrain.json')
const { treeShape } = require('../terrain/features')
const { createGrowthLight } = require('../lib/growth-light')
const { numberProperty } = require('../lib/blocks')
const { MIN_Y, HEIGHT } = require('../terrain/generator')

// kelp's neighbour updates belong to the fluid rules (it holds water)
const SUPPORT_WATCHED_ELSEWHERE = new Set(['kelp', 'kelp_plant'])
const AIR = new Set(['air', 'cave_air', 'void_air'])
const TURNS_TO_DIRT_UNDER_A_TREE = new Set(['grass_block', 'farmland', 'mycelium', 'podzol'])

module.exports.server = function (serv) {
  const { registry } = serv
  const random = serv.growthRandom
  const trees = { ...terrain.trees, ...plants.trees }
  let lightAt = null
  const nameAt = (world, pos) => world.sync.getColumnAt(pos) ? registry.blocksByStateId[world.sync.getBlockStateId(pos)]?.name : null
  const set = (world, pos, name, properties) => serv.setBlock(world, pos, serv.blockStateOf(name, properties))

  // --- saplings
  async function saplingTick (world, pos, block) {
    if (random.next() < plants.sapling_tick_chance && lightAt(pos.offset(0, 1, 0)) >= plants.min_light) await advanceSapling(world, pos, block)
  }

  async function saplingBoneMeal (world, pos, block) {
    if (random.next() < plants.sapling_bone_meal_chance) await advanceSapling(world, pos, block)
    return true
  }

  async function advanceSapling (world, pos, block) {
    if (numberProperty(block, 'stage') === 0) return set(world, pos, block.name, { stage: 1 })
    await growTree(world, pos, trees[plants.saplings[block.name]])
  }

  async function growTree (world, pos, spec) {
    const shape = treeShape(spec.shape, spec.trunk, random, pos.x, pos.y, pos.z)
    const room = (name) => name !== null && serv.plantRules.matches(name, plants.tree_room)
    if (!shape.every(([x, y, z, part]) => part !== 'log' || room(nameAt(world, { x, y, z })))) return
    const ground = pos.offset(0, -1, 0)
    if (TURNS_TO_DIRT_UNDER_A_TREE.has(nameAt(world, ground))) await set(world, ground, 'dirt')
    const log = serv.blockStateOf(spec.log, { axis: 'y' })
    const leaves = serv.blockStateOf(spec.leaves, { distance: 1, persistent: false, waterlogged: false })
    for (const [x, y, z, part] of shape) {
      const at = pos.clone().set(x, y, z)
      if (part === 'log') await serv.setBlock(world, at, log)
      else if (AIR.has(nameAt(world, at))) await serv.setBlock(world, at, leaves)
    }
    serv.emit('treeGrown', pos, spec.log)
  }

  // --- sugar cane and cactus: an age 0-15 on the top block, one block more at 15
  async function columnTick (world, pos, block) {
    const above = pos.offset(0, 1, 0)
    if (!AIR.has(nameAt(world, above)) || heightBelow(world, pos, block.name) >= plants.columns[block.name].max_height) return
    const age = numberProperty(block, 'age')
    if (age < plants.column_age_to_grow) return set(world, pos, block.name, { age: age + 1 })
    await set(world, pos, block.name, { age: 0 })
    await set(world, above, block.name, { age: 0 })
    if (!serv.canSurviveAt(world, above, block.name)) await serv.breakBlock(world, above)
  }

  function heightBelow (world, pos, name) {
    let height = 1
    while (nameAt(world, pos.offset(0, -height, 0)) === name) height++
    return height
  }

  // --- bamboo: a sapling shoots, a stalk grows while its top is open to light
  async function bambooTick (world, pos, block) {
    const above = pos.offset(0, 1, 0)
    if (random.next() >= plants.bamboo.tick_chance || !AIR.has(nameAt(world, above)) || lightAt(above) < plants.min_light) return
    if (block.name === 'bamboo_sapling') return shoot(world, pos)
    if (numberProperty(block, 'stage') === 1) return
    await growBamboo(world, pos)
  }

  // a sapling with a stalk above it is bamboo itself
  async function shoot (world, sapling) {
    await set(world, sapling.offset(0, 1, 0), 'bamboo', { leaves: 'small' })
    await set(world, sapling, 'bamboo', {})
  }

  async function growBamboo (world, top) {
    const height = heightBelow(world, top, 'bamboo')
    if (height >= plants.bamboo.max_height || !AIR.has(nameAt(world, top.offset(0, 1, 0)))) return false
    await set(world, top.offset(0, 1, 0), 'bamboo', { leaves: height >= 2 ? 'large' : 'small', age: height >= 4 ? 1 : 0 })
    return true
  }

  async function bambooBoneMeal (world, pos, block) {
    if (block.name === 'bamboo_sapling') {
      if (!AIR.has(nameAt(world, pos.offset(0, 1, 0)))) return false
      await shoot(world, pos)
      return true
    }
    let top = pos
    while (nameAt(world, top.offset(0, 1, 0)) === 'bamboo') top = top.offset(0, 1, 0)
    if (heightBelow(world, top, 'bamboo') >= plants.bamboo.max_height || !AIR.has(nameAt(world, top.offset(0, 1, 0)))) return false
    const blocks = random.int(...plants.bamboo.bone_meal_blocks)
    for (let i = 0; i < blocks && await growBamboo(world, top); i++) top = top.offset(0, 1, 0)
    return true
  }

  // --- kelp: the head grows into the water source above it
  async function kelpTick (world, pos, block) {
    if (random.next() < plants.kelp.tick_chance) await growKelp(world, pos, block)
  }

  async function growKelp (world, pos, block) {
    const age = numberProperty(block, 'age')
    const above = pos.offset(0, 1, 0)
    if (age >= plants.kelp.max_age || serv.fluidAt(world, above)?.name !== 'water' || !serv.fluidAt(world, above).source || nameAt(world, above) !== 'water') return false
    await set(world, above, 'kelp', { age: age + 1 })
    await set(world, pos, 'kelp_plant', {})
    return true
  }

  // --- grass blocks: short grass and flowers sprout around
  async function grassBoneMeal (world, pos) {
    const { tries, flower_chance: flowerChance, flowers } = plants.grass_bone_meal
    for (let i = 0; i < tries; i++) {
      const at = walkOnGrass(world, pos.offset(0, 1, 0), Math.floor(i / 16))
      if (!at || !AIR.has(nameAt(world, at))) continue
      const plant = random.next() < flowerChance ? flowers[random.int(0, flowers.length - 1)] : 'short_grass'
      await serv.setBlock(world, at, registry.blocksByName[plant].defaultState)
    }
    return true
  }

  // vanilla's random walk over the grass around a bone-mealed block; null if it leaves the grass
  function walkOnGrass (world, at, steps) {
    for (let step = 0; step < steps; step++) {
      at = at.offset(random.int(-1, 1), Math.trunc((random.int(0, 2) - 1) * random.int(0, 2) / 2), random.int(-1, 1))
      if (nameAt(world, at.offset(0, -1, 0)) !== 'grass_block' || registry.blocksByName[nameAt(world, at)]?.boundingBox === 'block') return null
    }
    return at
  }

  // --- plants that lose their support break and drop
  async function checkSupport (world, block) {
    if (!serv.canSurviveAt(world, block.position, block.name)) await serv.breakBlock(world, block.position)
    return false
  }

  const saplings = Object.keys(plants.saplings)
  serv.onRandomTick(saplings, saplingTick)
  serv.onRandomTick(Object.keys(plants.columns), columnTick)
  serv.onRandomTick(['bamboo', 'bamboo_sapling'], bambooTick)
  serv.onRandomTick(['kelp'], kelpTick)
  serv.onBoneMeal(saplings, saplingBoneMeal)
  serv.onBoneMeal(['bamboo', 'bamboo_sapling'], bambooBoneMeal)
  serv.onBoneMeal(['kelp'], (world, pos, block) => growKelp(world, pos, block))
  serv.onBoneMeal(['grass_block'], grassBoneMeal)

  serv.once('pluginsReady', () => {
    lightAt = createGrowthLight(registry, serv.overworld, MIN_Y + HEIGHT)
    for (const rule of plants.survival) {
      for (const name of rule.blocks) if (!SUPPORT_WATCHED_ELSEWHERE.has(name)) serv.onBlockUpdate(name, checkSupport)
    }
  })
}
