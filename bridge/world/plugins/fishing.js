// Fishing as vanilla 1.20.4 (data/fishing.json): using a fishing rod casts a
// bobber (a fishing_bobber entity owned by the player) where the player looks;
// it falls, and floats once it lands in water. There, after 100-600 ticks a
// fish is lured and 20-80 ticks later it bites: the bobber dips with a splash
// of bubble and fishing particles (six of each, which mineflayer's bot.fish()
// waits for) and stays hooked for 20-40 ticks. Using the rod again reels in:
// during a bite the catch, drawn from vanilla's fishing loot table (fish,
// junk, and treasure in open water), flies to the player and the rod wears
// by 1; from the ground it wears by 2; otherwise nothing. The bobber goes
// away when the player stops holding the rod or walks 32 blocks off.
'use strict'

const { Vec3 } = require('vec3')
const rules = require('../data/fishing.json')
const { ruleRandom } = require('../lib/random')

const BITING_KEY = 9
const SPLASH_COUNT = 6
const CATCH_FLIGHT_SECONDS = 0.5
const ITEM_GRAVITY = 20

module.exports.server = function (serv) {
  const { registry } = serv
  const random = ruleRandom(serv.voyagerSeed, 'fishing')
  const hooks = new Set()

  const blockAt = (world, p) => registry.blocksByStateId[world.sync.getBlockStateId(p.floored())]
  const nameIn = (player, slot) => {
    const item = player.inventory.slots[slot]
    return item ? registry.items[item.type].name : null
  }
  const rodSlot = (player) => [36 + player.heldItemSlot, 45].find((slot) => nameIn(player, slot) === 'fishing_rod') ?? null

  serv.on('newPlayer', (player) => {
    player._client.on('use_item', ({ hand }) => {
      const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
      if (nameIn(player, slot) !== 'fishing_rod' || player.health <= 0) return
      if (player.fishingHook) reelIn(player.fishingHook, slot)
      else cast(player)
    })
    player.on('disconnected', () => player.fishingHook && discard(player.fishingHook))
  })

  // vanilla FishingHook(Player, Level, ...): from the eyes, along the view, a little spread
  function cast (player) {
    const look = player.lookVector()
    const flat = Math.hypot(look.x, look.z) || 1e-6
    const from = player.eyePosition().offset(look.x / flat * 0.3, 0, look.z / flat * 0.3)
    const aim = new Vec3(look.x / flat, Math.max(-5, Math.min(5, look.y / flat)), look.z / flat)
    const scale = () => rules.cast.speed / aim.norm() + random.triangle(0.5, rules.cast.spread)
    const velocity = new Vec3(aim.x * scale(), aim.y * scale(), aim.z * scale())
    const hook = serv.spawnObject(registry.entitiesByName.fishing_bobber.id, player.world, from, { velocity: velocity.scaled(20), data: player.id })
    hook.size = null
    hook.gravity = null
    Object.assign(hook, { owner: player, flight: velocity, state: 'flying', lured: 0, hooked: 0, nibble: 0, openWater: true })
    hooks.add(hook)
    player.fishingHook = hook
    serv.playSound('entity.fishing_bobber.throw', player.world, player.position, { soundCategory: 'neutral' })
  }

  function tick (hook) {
    const owner = hook.owner
    if (owner.health <= 0 || rodSlot(owner) === null || owner.world !== hook.world ||
        owner.position.distanceTo(hook.position) > rules.cast.max_distance) return discard(hook)
    if (hook.state === 'flying') return fly(hook)
    if (hook.state === 'bobbing') catchingFish(hook)
  }

  function fly (hook) {
    const next = hook.position.plus(hook.flight)
    const block = blockAt(hook.world, next)
    if (block?.name === 'water') {
      hook.state = 'bobbing'
      hook.openWater = isOpenWater(hook.world, next.floored())
      return hook.sendPosition(new Vec3(next.x, surfaceOf(hook.world, next.floored()), next.z), false)
    }
    if (block?.boundingBox === 'block') {
      hook.state = 'ground'
      return
    }
    hook.flight.scale(rules.cast.drag)
    hook.flight.y -= rules.cast.gravity
    hook.sendPosition(next, false)
  }

  // the height a bobber floats at over the water it fell in
  function surfaceOf (world, p) {
    let y = p.y
    while (blockAt(world, new Vec3(p.x, y + 1, p.z))?.name === 'water') y++
    return y + 0.85
  }

  // vanilla FishingHook.calculateOpenWater: layers from one below to two above,
  // water first, then air, each 5x5 and all of a kind
  function isOpenWater (world, p) {
    let previous = 'invalid'
    for (let dy = -1; dy <= 2; dy++) {
      const kind = layerKind(world, p.y + dy, p)
      if (kind === 'invalid') return false
      if (kind === 'above' && previous === 'invalid') return false
      if (kind === 'inside' && previous === 'above') return false
      previous = kind
    }
    return true
  }

  function layerKind (world, y, p) {
    let kind = null
    for (let dx = -2; dx <= 2; dx++) {
      for (let dz = -2; dz <= 2; dz++) {
        const block = blockAt(world, new Vec3(p.x + dx, y, p.z + dz))
        const here = block?.name === 'air' || block?.name === 'lily_pad' ? 'above' : isWaterSource(block, world, new Vec3(p.x + dx, y, p.z + dz)) ? 'inside' : 'invalid'
        if (kind !== null && here !== kind) return 'invalid'
        kind = here
      }
    }
    return kind
  }

  function isWaterSource (block, world, p) {
    if (block?.name !== 'water') return false
    return world.sync.getBlockStateId(p) === registry.blocksByName.water.minStateId
  }

  // vanilla FishingHook.catchingFish, without lure and rain
  function catchingFish (hook) {
    const skyOpen = hook.world.sync.getSkyLight(hook.position.floored().offset(0, 1, 0)) >= 15
    const step = !skyOpen && random.chance(0.5) ? 0 : 1
    if (hook.nibble > 0) {
      if (--hook.nibble <= 0) {
        hook.lured = 0
        hook.hooked = 0
        hook.setVoyagerMetadata([{ key: BITING_KEY, type: 'boolean', value: false }])
      }
    } else if (hook.hooked > 0) {
      hook.hooked -= step
      if (hook.hooked <= 0) bite(hook)
    } else if (hook.lured > 0) {
      hook.lured -= step
      if (hook.lured <= 0) hook.hooked = random.int(rules.wait.hooked[0], rules.wait.hooked[1])
    } else {
      hook.lured = random.int(rules.wait.lured[0], rules.wait.lured[1])
    }
  }

  function bite (hook) {
    const at = hook.position.offset(0, 0.5, 0)
    serv.playSound('entity.fishing_bobber.splash', hook.world, hook.position, { soundCategory: 'neutral' })
    for (const particle of ['bubble', 'fishing']) {
      serv._writeArray('world_particles', {
        particleId: registry.particlesByName[particle].id,
        longDistance: false,
        x: at.x,
        y: at.y,
        z: at.z,
        offsetX: 0.25,
        offsetY: 0,
        offsetZ: 0.25,
        particleData: 0.2,
        particles: SPLASH_COUNT,
        data: null
      }, serv.getNearby({ world: hook.world, position: hook.position, radius: 64 }))
    }
    hook.nibble = random.int(rules.wait.nibble[0], rules.wait.nibble[1])
    hook.openWater = hook.openWater && isOpenWater(hook.world, hook.position.floored())
    hook.setVoyagerMetadata([{ key: BITING_KEY, type: 'boolean', value: true }])
  }

  function reelIn (hook, rodSlotUsed) {
    const player = hook.owner
    let wear = 0
    if (hook.state === 'bobbing' && hook.nibble > 0) {
      const item = catchItem(hook.openWater)
      throwToPlayer(hook, player, item)
      serv.emit('playerFished', player, registry.items[item.type].name)
      wear = rules.rod_wear.catch
    } else if (hook.state === 'ground') {
      wear = rules.rod_wear.in_ground
    }
    discard(hook)
    serv.playSound('entity.fishing_bobber.retrieve', player.world, player.position, { soundCategory: 'neutral' })
    serv.wearItem(player, rodSlotUsed, wear)
  }

  function catchItem (openWater) {
    const categories = { ...rules.categories }
    if (!openWater) delete categories.treasure
    const category = random.pick(categories)
    const name = random.pick(rules.items[category])
    const item = serv.voyagerItems.make(name, rules.counts[name] ?? 1)
    const worn = rules.damaged[category]?.[name]
    if (worn) item.durabilityUsed = Math.floor(random.next() * worn * registry.items[item.type].maxDurability)
    if (name === 'potion') item.nbt = { type: 'compound', name: '', value: { Potion: { type: 'string', value: 'minecraft:water' } } }
    return item
  }

  // on a high arc that comes down where the player stands, half a second later
  function throwToPlayer (hook, player, item) {
    const t = CATCH_FLIGHT_SECONDS
    const d = player.position.offset(0, 0.5, 0).minus(hook.position)
    const velocity = new Vec3(d.x / t, d.y / t + ITEM_GRAVITY * t / 2, d.z / t)
    serv.spawnItemEntity(hook.world, hook.position.clone(), item, { velocity })
  }

  function discard (hook) {
    hooks.delete(hook)
    if (hook.owner.fishingHook === hook) hook.owner.fishingHook = null
    serv.destroyEntity(hook)
  }

  serv.on('tick', () => {
    for (const hook of hooks) {
      if (hook.destroyed) hooks.delete(hook)
      else tick(hook)
    }
  })
}
