// Flint and steel and fire as vanilla 1.20.4 (data/fire.json): flint and
// steel used on a block sets fire to the air in front of the face clicked
// (soul fire on soul sand or soil) where fire can stand, and wears by 1.
// Fire on netherrack or magma burns forever; elsewhere it dies out after a
// while unless fuel is next to it. A player or mob in a fire block takes 1
// damage every half second, and a player burns on for 8 seconds after.
// Fire does not spread or burn blocks away here.
'use strict'

const { Vec3 } = require('vec3')
const rules = require('../data/fire.json')
const { ruleRandom } = require('../lib/random')

const NEIGHBOURS = [[0, -1, 0], [0, 1, 0], [1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1]].map(([x, y, z]) => new Vec3(x, y, z))
const FIRE_NAMES = new Set(['fire', 'soul_fire'])

module.exports.server = function (serv) {
  const { registry } = serv
  const random = ruleRandom(serv.voyagerSeed, 'fire')
  const fires = new Map()
  let ticks = 0

  const blockAt = (world, p) => registry.blocksByStateId[world.sync.getBlockStateId(p)]
  const isFlammable = (block) => !!block && rules.flammable.some((f) => f.startsWith('_') ? block.name.endsWith(f) : block.name === f)
  const hasFuelAround = (world, p) => NEIGHBOURS.some((d) => isFlammable(blockAt(world, p.plus(d))))
  const canStand = (world, p) => blockAt(world, p.offset(0, -1, 0))?.boundingBox === 'block' || hasFuelAround(world, p)

  serv.once('pluginsReady', () => {
    // replaces flying-squid's handler, which uses up the flint and steel
    serv.onItemPlace('flint_and_steel', ({ player, placedPosition }) => {
      return { id: -1, data: 0, done: light(player, placedPosition) }
    }, false)
  })

  function light (player, position) {
    const world = player.world
    if (blockAt(world, position)?.name !== 'air' || !canStand(world, position)) return
    const below = blockAt(world, position.offset(0, -1, 0))?.name
    const name = rules.soul_fire_on.includes(below) ? 'soul_fire' : 'fire'
    const lit = serv.setBlock(world, position, registry.blocksByName[name].defaultState)
      .catch((err) => serv.voyagerLog.error(`fire: ${err.stack}`))
    schedule(world, position, 0)
    serv.playSound('item.flintandsteel.use', world, position.offset(0.5, 0.5, 0.5), { soundCategory: 'block' })
    serv.wearHeldItem(player, rules.lighter_wear)
    serv.emit('fireLit', player, position)
    return lit
  }

  function schedule (world, position, age) {
    fires.set(position.toString(), { world, position, age, due: ticks + random.int(rules.tick_delay[0], rules.tick_delay[1]) })
  }

  // vanilla FireBlock.tick without spreading
  function burn (fire) {
    const { world, position } = fire
    fires.delete(position.toString())
    if (!FIRE_NAMES.has(blockAt(world, position)?.name)) return
    const below = blockAt(world, position.offset(0, -1, 0))
    if (rules.infiniburn.includes(below?.name)) return schedule(world, position, fire.age)
    const age = Math.min(15, fire.age + Math.floor(random.int(0, 2) / 2))
    const fuel = hasFuelAround(world, position)
    const goesOut = !canStand(world, position) || (!fuel && (below?.boundingBox !== 'block' || fire.age > rules.burn_out_age)) ||
      (fuel && fire.age === 15 && random.int(0, 3) === 0 && !isFlammable(below))
    if (goesOut) {
      serv.setBlock(world, position, 0).catch((err) => serv.voyagerLog.error(`fire: ${err.stack}`))
      return
    }
    schedule(world, position, age)
  }

  function inFire (entity) {
    const feet = entity.position.floored()
    return FIRE_NAMES.has(blockAt(entity.world, feet)?.name) || FIRE_NAMES.has(blockAt(entity.world, feet.offset(0, 1, 0))?.name)
  }

  function scorch () {
    for (const player of serv.players) {
      if (player.health <= 0 || player.gameMode === 1 || player.gameMode === 3 || !inFire(player)) continue
      player.hurt(rules.damage, 'in_fire', null)
      player.fireTicks = Math.max(player.fireTicks ?? 0, rules.sets_on_fire_ticks)
    }
    for (const entity of Object.values(serv.entities)) {
      if (entity.type === 'mob' && entity.health > 0 && entity.takeDamage && inFire(entity)) entity.takeDamage({ damage: rules.damage })
    }
  }

  serv.on('tick', () => {
    ticks++
    for (const fire of fires.values()) if (fire.due <= ticks) burn(fire)
    if (ticks % rules.damage_every_ticks === 0) scorch()
  })
}
