// Farming as vanilla 1.20.4: hoes till grass and dirt into farmland;
// farmland stays moist near water and dries out (then turns to dirt) without
// it, and turns to dirt under a solid block or a player's landing; seeds,
// carrots and potatoes plant crops on farmland; crops and melon and pumpkin
// stems grow on random ticks as fast as CropBlock.getGrowthSpeed allows
// (moist farmland below and around, rows of the same crop slow each other);
// a grown stem sets its fruit beside it; bone meal adds 2-5 ages. Numbers and
// block lists in data/plants.json; what a harvest drops in block-drops.json.
'use strict'

const { Vec3 } = require('vec3')
const plants = require('../data/plants.json')
const { createGrowthLight } = require('../lib/growth-light')
const { numberProperty } = require('../lib/blocks')
const { MIN_Y, HEIGHT } = require('../terrain/generator')

const SIDES = [new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
const FACING = ['north', 'south', 'west', 'east']
const DOWN_FACE = 0
const WATER = new Set(['water', 'kelp', 'kelp_plant', 'seagrass', 'tall_seagrass', 'bubble_column'])

module.exports.server = function (serv) {
  const { registry } = serv
  const random = serv.growthRandom
  const keptBy = new Set(plants.farmland.kept_by)
  let lightAt = null
  const nameAt = (world, pos) => registry.blocksByStateId[world.sync.getBlockStateId(pos)]?.name

  function setAge (world, pos, name, age) {
    return serv.setBlock(world, pos, serv.blockStateOf(name, { age }))
  }

  // vanilla CropBlock.getGrowthSpeed
  function growthSpeed (world, pos, name) {
    let speed = 1
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        const soil = world.sync.getBlock(pos.offset(dx, -1, dz))
        let points = 0
        if (soil?.name === 'farmland') points = numberProperty(soil, 'moisture') > 0 ? 3 : 1
        speed += dx === 0 && dz === 0 ? points : points / 4
      }
    }
    const same = (dx, dz) => nameAt(world, pos.offset(dx, 0, dz)) === name
    const rowX = same(-1, 0) || same(1, 0)
    const rowZ = same(0, -1) || same(0, 1)
    const diagonal = same(-1, -1) || same(1, -1) || same(1, 1) || same(-1, 1)
    if ((rowX && rowZ) || diagonal) speed /= 2
    return speed
  }

  const growsNow = (world, pos, name) => random.int(0, Math.floor(plants.crop_chance_base / growthSpeed(world, pos, name))) === 0

  async function cropTick (world, pos, block) {
    const crop = plants.crops[block.name]
    if (crop.tick_chance !== undefined && random.next() >= crop.tick_chance) return
    const age = numberProperty(block, 'age')
    if (age >= crop.max_age || lightAt(pos) < plants.min_light) return
    if (growsNow(world, pos, block.name)) await setAge(world, pos, block.name, age + 1)
  }

  async function cropBoneMeal (world, pos, block) {
    const crop = plants.crops[block.name]
    const age = numberProperty(block, 'age')
    if (age >= crop.max_age) return false
    const more = Math.floor(random.int(...plants.bone_meal_age) / (crop.bone_meal_divisor ?? 1))
    await setAge(world, pos, block.name, Math.min(crop.max_age, age + more))
    return true
  }

  async function stemTick (world, pos, block) {
    if (lightAt(pos) < plants.min_light || !growsNow(world, pos, block.name)) return
    await growStem(world, pos, block)
  }

  async function growStem (world, pos, block) {
    const stem = plants.stems[block.name]
    const age = numberProperty(block, 'age')
    if (age < stem.max_age) return setAge(world, pos, block.name, age + 1)
    const side = random.int(0, 3)
    const spot = pos.plus(SIDES[side])
    if (nameAt(world, spot) !== 'air' || !serv.plantRules.matches(nameAt(world, spot.offset(0, -1, 0)), plants.fruit_grows_on)) return
    await serv.setBlock(world, spot, registry.blocksByName[stem.fruit].defaultState)
    await serv.setBlock(world, pos, serv.blockStateOf(stem.attached, { facing: FACING[side] }))
  }

  async function stemBoneMeal (world, pos, block) {
    const stem = plants.stems[block.name]
    const age = numberProperty(block, 'age')
    if (age >= stem.max_age) return false
    const grown = Math.min(stem.max_age, age + random.int(...plants.bone_meal_age))
    await setAge(world, pos, block.name, grown)
    if (grown === stem.max_age && growsNow(world, pos, block.name)) await growStem(world, pos, world.sync.getBlock(pos))
    return true
  }

  function nearWater (world, pos) {
    const reach = plants.farmland.water_reach
    for (let dx = -reach; dx <= reach; dx++) {
      for (let dz = -reach; dz <= reach; dz++) {
        for (let dy = 0; dy <= 1; dy++) if (WATER.has(nameAt(world, pos.offset(dx, dy, dz)))) return true
      }
    }
    return false
  }

  async function farmlandTick (world, pos, block) {
    const moisture = numberProperty(block, 'moisture')
    if (nearWater(world, pos)) {
      if (moisture < plants.farmland.moist) await serv.setBlock(world, pos, serv.blockStateOf('farmland', { moisture: plants.farmland.moist }))
    } else if (moisture > 0) {
      await serv.setBlock(world, pos, serv.blockStateOf('farmland', { moisture: moisture - 1 }))
    } else if (!keptBy.has(nameAt(world, pos.offset(0, 1, 0)))) {
      await toDirt(world, pos)
    }
  }

  // the crop on top breaks by itself (plants.js), as it no longer survives
  function toDirt (world, pos) {
    return serv.setBlock(world, pos, registry.blocksByName.dirt.defaultState)
  }

  async function till (player, position, face) {
    const block = await player.world.getBlock(position)
    const into = plants.tilling[block.name]
    if (!into || face === DOWN_FACE || nameAt(player.world, position.offset(0, 1, 0)) !== 'air') return
    await serv.setBlock(player.world, position, registry.blocksByName[into].defaultState)
    if (block.name === 'rooted_dirt') serv.spawnItemEntity(player.world, position.offset(0.5, 1.1, 0.5), serv.voyagerItems.make('hanging_roots'))
    serv.playSound('item.hoe.till', player.world, position.offset(0.5, 0.5, 0.5))
    serv.emit('blockTilled', player, position)
  }

  serv.onRandomTick(Object.keys(plants.crops), cropTick)
  serv.onRandomTick(Object.keys(plants.stems), stemTick)
  serv.onRandomTick(['farmland'], farmlandTick)
  serv.onBoneMeal(Object.keys(plants.crops), cropBoneMeal)
  serv.onBoneMeal(Object.keys(plants.stems), stemBoneMeal)

  serv.once('pluginsReady', () => {
    lightAt = createGrowthLight(registry, serv.overworld, MIN_Y + HEIGHT)
    for (const hoe of plants.hoes) {
      serv.onItemPlace(hoe, ({ player, referencePosition, direction }) => {
        const done = till(player, referencePosition, direction).catch((err) => serv.voyagerLog.error(`hoe: ${err.stack}`))
        return { id: -1, data: 0, done }
      })
    }
    // a solid block on farmland turns it to dirt
    serv.onBlockUpdate('farmland', async (world, block) => {
      if (registry.blocksByStateId[world.sync.getBlockStateId(block.position.offset(0, 1, 0))]?.boundingBox === 'block') await toDirt(world, block.position)
      return false
    })
  })

  serv.on('playerLanded', (player, fallen) => {
    const below = player.position.offset(0, -0.1, 0).floored()
    if (nameAt(player.world, below) === 'farmland' && random.next() < fallen - 0.5) {
      toDirt(player.world, below).catch((err) => serv.voyagerLog.error(`trample: ${err.stack}`))
    }
  })
}
