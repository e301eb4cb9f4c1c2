// Passive mobs: cows, pigs, sheep and chickens that come with new chunks
// (data/mobs.json), wander, take weapon damage by the held item, die with
// entity_destroy and drop their vanilla loot (none from babies; some only
// when a player killed them). A right click on a mob goes to the first rule
// registered with serv.onEntityInteraction that takes it (shearing, milking,
// breeding, riding). Hostile mobs are summoned here too; their AI lives in
// hostiles.js.
'use strict'

const { Vec3 } = require('vec3')
const data = require('../data/mobs.json')
const { chunkAnimals, standsThere } = require('../terrain/animals')
const { createLandscape } = require('../terrain/landscape')
const terrain = require('../data/terrain.json')
const { ruleRandom } = require('../lib/random')

const WANDER_SPEED = 1.2
// how long a mob keeps to one way (or stands) and panics after a hit, in game
// ticks, so that a sprinted world (/tick sprint) wanders as a running one does
const WANDER_TICKS = [40, 120]
const PANIC_TICKS = 100
// vanilla's death animation: a dead mob lies 20 ticks before it goes
const CORPSE_TICKS = 20

module.exports.server = function (serv, settings) {
  const { registry } = serv
  const populated = serv.worldStore.section('populated_chunks', {})
  const mobs = new Set()
  const pending = []
  const interactions = []
  const lootRandom = ruleRandom(serv.voyagerSeed, 'mob loot')
  const wanderRandom = ruleRandom(serv.voyagerSeed, 'mob wander')
  let ticks = 0
  const corpses = new Map() // dead mob -> the tick it goes

  // new chunks get animals once, when they are first generated
  const overlay = settings.generation.options.overlay
  settings.generation.options.overlay = (chunkX, chunkZ, column) => {
    overlay?.(chunkX, chunkZ, column)
    const k = chunkX + ',' + chunkZ
    if (!populated[k]) pending.push([chunkX, chunkZ])
  }

  serv.summonMob = (name, world, position, options = {}) => {
    const spec = data.mobs[name]
    const mob = serv.spawnMob(name, world, position, { health: spec?.health ?? 10, yaw: wanderRandom.int(-128, 127), ...options })
    mob.maxHealth = spec?.health ?? 10
    mob.wander = null
    // what the rules keep of a mob across restarts (JSON): wool, age, love, eggs
    mob.state = options.state ?? {}
    mob.takeDamage = (hit) => hurtMob(mob, hit)
    mob.calculatePhysics = async (delta) => stepOnGround(mob, delta)
    mobs.add(mob)
    return mob
  }

  function hurtMob (mob, { damage = 1, velocity = new Vec3(0, 0, 0), attacker = null }) {
    if (mob.health <= 0) return
    mob.health -= damage
    if (mob.onHurt) mob.onHurt(velocity)
    else mob.velocity = mob.velocity.plus(new Vec3(velocity.x, 0, velocity.z).normalize().scaled(4)).plus(new Vec3(0, 4, 0))
    mob._writeOthers('entity_status', { entityId: mob.id, entityStatus: 2 })
    mob.panicUntil = ticks + PANIC_TICKS
    if (mob.health > 0) return
    mob._writeOthers('entity_status', { entityId: mob.id, entityStatus: 3 })
    mobs.delete(mob)
    if (!(mob.state.age < 0) || mob.hostile) dropLoot(mob, attacker)
    serv.emit('mobKilled', mob, attacker)
    corpses.set(mob, ticks + CORPSE_TICKS)
  }

  const solidAt = (world, x, y, z) => registry.blocksByStateId[world.sync.getBlockStateId(new Vec3(x, y, z))]?.boundingBox === 'block'

  // One physics step of a mob that walks (flying-squid's own stops a falling
  // mob half its height above the ground and pushes it up again, so animals
  // bounced): a move along x or z is refused by a solid block at the feet or
  // head, a fall ends on top of the first solid block under the feet. Mobs
  // that move themselves (hostiles.js) have no gravity and stay where they are.
  function stepOnGround (mob, delta) {
    const { position: from, velocity, world } = mob
    if (!mob.gravity || !world.sync.getColumnAt(from)) return { position: from, onGround: true }
    const to = from.clone()
    const feetY = Math.floor(from.y)
    for (const axis of ['x', 'z']) {
      const next = to.clone()
      next[axis] += velocity[axis] * delta
      const free = !solidAt(world, Math.floor(next.x), feetY, Math.floor(next.z)) && !solidAt(world, Math.floor(next.x), feetY + 1, Math.floor(next.z))
      if (free) to[axis] = next[axis]
      else velocity[axis] = 0
    }
    velocity.y = Math.max(velocity.y + mob.gravity.y * delta, -mob.terminalvelocity.y)
    const x = Math.floor(to.x)
    const z = Math.floor(to.z)
    let y = to.y + velocity.y * delta
    let onGround = false
    if (velocity.y > 0 && solidAt(world, x, Math.floor(y + mob.size.y), z)) {
      y = to.y
      velocity.y = 0
    }
    // the blocks the feet pass on the way down (a block's top is at its y + 1)
    for (let by = Math.ceil(to.y) - 1; by >= Math.floor(y) && velocity.y <= 0; by--) {
      if (solidAt(world, x, by, z)) {
        y = by + 1
        velocity.y = 0
        onGround = true
        break
      }
    }
    to.y = y
    return { position: to, onGround }
  }

  function dropLoot (mob, attacker) {
    const byPlayer = attacker?.type === 'player'
    for (const drop of data.mobs[mob.name]?.loot ?? []) {
      if (drop.unless_sheared && mob.state.sheared) continue
      if (drop.player_kill && !byPlayer) continue
      if (drop.chance !== undefined && !lootRandom.chance(drop.chance)) continue
      const count = lootRandom.int(drop.count[0], drop.count[1])
      const item = drop.wool_colour && mob.state.colour ? mob.state.colour + '_wool' : drop.item
      if (count > 0) serv.spawnItemEntity(mob.world, mob.position.offset(0, 0.5, 0), serv.voyagerItems.make(item, count))
    }
  }

  // handler({ player, entity, hand, item, slot }) returns true when it took the click
  serv.onEntityInteraction = (handler) => interactions.push(handler)

  function weaponDamage (player) {
    const held = player.inventory.slots[36 + player.heldItemSlot]
    return held ? data.weapon_damage[registry.items[held.type].name] ?? 1 : 1
  }
  serv.attackDamage = weaponDamage

  serv.on('newPlayer', (player) => {
    player._client.removeAllListeners('use_entity')
    player._client.on('use_entity', ({ target, mouse, hand }) => {
      const entity = serv.entities[target]
      if (!entity || entity === player || entity.world !== player.world) return
      if (entity.position.distanceTo(player.position) > 6) return
      if (mouse === 1) {
        if (entity.type === 'player') {
          serv.emit('voyagerPlayerAttack', player, entity)
          return entity.hurt?.(weaponDamage(player), 'attack', { position: player.position, entity: player })
        }
        if (mobs.has(entity)) {
          player.addExhaustion?.(0.1)
          const damage = weaponDamage(player)
          serv.emit('voyagerPlayerAttack', player, entity)
          entity.takeDamage({ damage, velocity: entity.position.minus(player.position), attacker: player })
        } else {
          serv.emit('voyagerPlayerAttack', player, entity)
        }
      } else if (mouse === 0) {
        const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
        const item = player.inventory.slots[slot] ?? null
        const click = { player, entity, hand, slot, item, itemName: item ? registry.items[item.type].name : null }
        interactions.some((handler) => handler(click))
      }
    })
  })

  const landscape = createLandscape(serv.voyagerSeed, terrain)
  async function populate (chunkX, chunkZ) {
    populated[chunkX + ',' + chunkZ] = 1
    serv.worldStore.markDirty()
    const blockAt = (x, y, z) => serv.overworld.getBlock(new Vec3(x, y, z))
    for (const animal of chunkAnimals(serv.voyagerSeed, chunkX, chunkZ, landscape, data.chunk_spawns)) {
      if (!(await standsThere(blockAt, animal))) continue
      serv.summonMob(animal.kind, serv.overworld, new Vec3(animal.x + 0.5, animal.y, animal.z + 0.5), { state: animal.color ? { colour: animal.color } : {} })
    }
  }

  function wander (mob, tick) {
    if (!mob.wander || tick > mob.wander.until) {
      const moving = wanderRandom.chance(0.3) || tick < (mob.panicUntil ?? 0)
      const angle = wanderRandom.next() * Math.PI * 2
      mob.wander = { until: tick + wanderRandom.int(WANDER_TICKS[0], WANDER_TICKS[1]), dx: moving ? Math.cos(angle) : 0, dz: moving ? Math.sin(angle) : 0 }
      if (moving) mob.yaw = ((Math.floor((-angle * 180 / Math.PI + 90) / 360 * 256) & 255) ^ 128) - 128
    }
    const speed = tick < (mob.panicUntil ?? 0) ? WANDER_SPEED * 2 : WANDER_SPEED
    mob.velocity.x = mob.wander.dx * speed
    mob.velocity.z = mob.wander.dz * speed
  }

  // mobs alive at the last save come back where they were
  const saved = serv.worldStore.section('mobs', { list: [] })
  serv.once('pluginsReady', () => {
    for (const { name, position, health, state, sheared, color } of saved.list) {
      // worlds saved before mob.state kept only a sheep's colour and whether it was sheared
      serv.summonMob(name, serv.overworld, new Vec3(...position), { health, state: state ?? (name === 'sheep' ? { sheared, colour: color } : undefined) })
    }
  })
  serv.on('voyagerSave', () => {
    saved.list = [...mobs].filter((mob) => !mob.destroyed && mob.health > 0).map((mob) => ({
      name: mob.name,
      position: [mob.position.x, mob.position.y, mob.position.z],
      health: mob.health,
      state: mob.state
    }))
    serv.worldStore.markDirty()
  })

  serv.on('tick', () => {
    ticks++
    while (pending.length) {
      const [x, z] = pending.shift()
      populate(x, z).catch((err) => serv.voyagerLog.error(`populate: ${err.stack}`))
    }
    for (const [mob, due] of corpses) {
      if (ticks < due) continue
      corpses.delete(mob)
      serv.destroyEntity(mob)
    }
    if (ticks % 10 !== 0) return
    for (const mob of mobs) {
      if (mob.destroyed) { mobs.delete(mob); continue }
      // a rule that leads the mob somewhere (breeding) sets mob.steeredBy
      if (!mob.hostile && !mob.steeredBy) wander(mob, ticks)
      if (mob.position.y < -80) { mobs.delete(mob); serv.destroyEntity(mob) }
    }
  })
}
