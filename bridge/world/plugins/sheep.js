// Sheep as vanilla 1.20.4 (data/animals.json "sheep"): each is born with a
// wool colour in vanilla's proportions (mostly white; data/mobs.json
// "sheep_colors", or the one chunk generation gave it), shows it to clients,
// drops wool of that colour, and takes a dye of another colour. Shears on an
// unsheared adult give 1 to 3 wool of its colour and wear the shears; the
// sheep shows sheared until it grazes: standing on grass it now and then
// eats it (the grass block turns to dirt) and its wool grows back.
'use strict'

const { Vec3 } = require('vec3')
const { sheep: rules } = require('../data/animals.json')
const { chunk_spawns: { sheep_colors: colours } } = require('../data/mobs.json')
const { ruleRandom } = require('../lib/random')

// 1.20.4 sheep metadata: colour (dye order) in the low 4 bits, 0x10 sheared
const WOOL_KEY = 17
const SHEARED_BIT = 0x10
const EATING_GRASS_STATUS = 10
const GOAL_TICK_EVERY = 2

module.exports.server = function (serv) {
  const { registry } = serv
  const colourRandom = ruleRandom(serv.voyagerSeed, 'sheep colour')
  const shearRandom = ruleRandom(serv.voyagerSeed, 'sheep shearing')
  const grazeRandom = ruleRandom(serv.voyagerSeed, 'sheep grazing')
  const flock = new Set()
  let ticks = 0

  const blockAt = (world, x, y, z) => registry.blocksByStateId[world.sync.getBlockStateId(new Vec3(x, y, z))]

  function showWool (sheep) {
    const colour = rules.dye_order.indexOf(sheep.state.colour)
    sheep.setVoyagerMetadata([{ key: WOOL_KEY, type: 'byte', value: colour | (sheep.state.sheared ? SHEARED_BIT : 0) }])
  }

  const summon = serv.summonMob
  serv.summonMob = (name, world, position, options) => {
    const mob = summon(name, world, position, options)
    if (mob?.name !== 'sheep') return mob
    mob.state.colour = mob.state.colour ?? colourRandom.pick(colours)
    mob.state.sheared = mob.state.sheared ?? false
    mob.grazing = null
    showWool(mob)
    flock.add(mob)
    return mob
  }

  serv.onEntityInteraction(({ player, entity, slot, itemName }) => {
    if (entity.name !== 'sheep' || !itemName) return false
    if (itemName === 'shears') return shear(player, entity, slot)
    if (itemName.endsWith('_dye')) return dye(player, entity, slot, itemName.slice(0, -'_dye'.length))
    return false
  })

  function shear (player, sheep, slot) {
    if (sheep.state.sheared || sheep.state.age < 0) return false
    sheep.state.sheared = true
    showWool(sheep)
    serv.playSound('entity.sheep.shear', sheep.world, sheep.position, { soundCategory: 'player' })
    const count = shearRandom.int(rules.wool_when_sheared[0], rules.wool_when_sheared[1])
    for (let i = 0; i < count; i++) {
      const velocity = new Vec3((shearRandom.next() - shearRandom.next()) * 2, 2 + shearRandom.next(), (shearRandom.next() - shearRandom.next()) * 2)
      serv.spawnItemEntity(sheep.world, sheep.position.offset(0, 1, 0), serv.voyagerItems.make(sheep.state.colour + '_wool'), { velocity })
    }
    serv.wearItem(player, slot, 1)
    serv.emit('sheepSheared', player, sheep)
    return true
  }

  function dye (player, sheep, slot, colour) {
    if (sheep.state.sheared || sheep.state.colour === colour || !rules.dye_order.includes(colour)) return false
    sheep.state.colour = colour
    showWool(sheep)
    if (player.gameMode !== 1) {
      const item = player.inventory.slots[slot]
      player.inventory.updateSlot(slot, serv.voyagerItems.copy(item, item.count - 1))
    }
    return true
  }

  // vanilla EatBlockGoal: a try every other tick, eating 4 ticks into a 40-tick animation
  function graze (sheep) {
    if (sheep.grazing !== null) {
      sheep.grazing += GOAL_TICK_EVERY
      if (sheep.grazing >= rules.eat_at_tick && !sheep.ate) eat(sheep)
      if (sheep.grazing >= rules.graze_ticks) sheep.grazing = null
      return
    }
    const oneIn = sheep.state.age < 0 ? rules.graze_one_in.baby : rules.graze_one_in.adult
    if (grazeRandom.int(1, oneIn / GOAL_TICK_EVERY) !== 1 || !grassUnder(sheep)) return
    sheep.grazing = 0
    sheep.ate = false
    sheep._writeOthersNearby('entity_status', { entityId: sheep.id, entityStatus: EATING_GRASS_STATUS })
  }

  // the grass plant at its feet, or else the grass block under them
  function grassUnder (sheep) {
    const feet = sheep.position.offset(0, 0.01, 0).floored()
    if (blockAt(sheep.world, feet.x, feet.y, feet.z)?.name === 'short_grass') return feet
    if (blockAt(sheep.world, feet.x, feet.y - 1, feet.z)?.name === 'grass_block') return feet.offset(0, -1, 0)
    return null
  }

  function eat (sheep) {
    sheep.ate = true
    const grass = grassUnder(sheep)
    if (!grass) return
    const eaten = blockAt(sheep.world, grass.x, grass.y, grass.z).name
    serv.setBlock(sheep.world, grass, eaten === 'grass_block' ? registry.blocksByName.dirt.defaultState : 0)
      .catch((err) => serv.voyagerLog.error(`sheep grazing: ${err.stack}`))
    if (sheep.state.age < 0) sheep.state.age = Math.min(0, sheep.state.age + rules.baby_grows_on_eating)
    if (sheep.state.sheared) {
      sheep.state.sheared = false
      showWool(sheep)
    }
  }

  serv.on('tick', () => {
    if (++ticks % GOAL_TICK_EVERY !== 0) return
    for (const sheep of flock) {
      if (sheep.destroyed || sheep.health <= 0) flock.delete(sheep)
      else if (sheep.world.sync.getColumnAt(sheep.position)) graze(sheep)
    }
  })
}
