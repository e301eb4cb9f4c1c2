// Endermen as vanilla 1.20.4: neutral until provoked, by a hit or by a player
// looking them in the eyes (from up to 64 blocks, in plain sight, without a
// carved pumpkin on the head) for 5 ticks; then they turn creepy and chase and
// hit that player (hostiles.js moves them) while it stays within 64 blocks.
// They teleport: away when an arrow would hit them (it does no harm), now
// and then when hurt by something other than a mob or player, each half
// second they stand in water (which hurts them), when their target looks at
// them from closer than 4 blocks, towards a target more than 16 blocks off,
// and often by day under the open sky when they have not just picked a target.
'use strict'

const { Vec3 } = require('vec3')
const { ruleRandom } = require('../lib/random')

const STARE_TICKS = 5
const LOOK_RANGE = 64
const EYE_HEIGHT = 2.55
const HEIGHT = 2.9
const PLAYER_EYE_HEIGHT = 1.62
const CREEPY_KEY = 17
const STARED_AT_KEY = 18
const PROJECTILE_TELEPORT_TRIES = 64
const TOO_CLOSE = 4
const TOO_FAR = 16
const FAR_TELEPORT_TICKS = 30
const DAYLIGHT_CALM_TICKS = 600
const WATER_HURT_EVERY = 10
const DAY_END = 12000
const MIN_Y = -64

module.exports.server = function (serv) {
  const { registry } = serv
  const random = ruleRandom(serv.voyagerSeed, 'endermen')
  const endermen = new Set()
  let ticks = 0

  const blockAt = (world, p) => registry.blocksByStateId[world.sync.getBlockStateId(p.floored())]
  const isSolid = (world, p) => blockAt(world, p)?.boundingBox === 'block'

  const summon = serv.summonMob
  serv.summonMob = (name, world, position, options) => {
    const mob = summon(name, world, position, options)
    if (mob?.name !== 'enderman') return mob
    Object.assign(mob, { anger: null, stare: null, farTicks: 0, targetChangedAt: ticks })
    mob.pickTarget = () => mob.anger?.player ?? null
    const takeDamage = mob.takeDamage
    mob.takeDamage = (hit) => {
      if (hit.projectile) {
        for (let i = 0; i < PROJECTILE_TELEPORT_TRIES && !teleport(mob); i++);
        return
      }
      takeDamage(hit)
      if (mob.health <= 0) return
      if (hit.attacker?.type === 'player') provoke(mob, hit.attacker)
      else if (!hit.attacker && random.int(0, 9) !== 0) teleport(mob)
    }
    endermen.add(mob)
    return mob
  }

  function provoke (mob, player) {
    if (mob.anger?.player !== player) mob.targetChangedAt = ticks
    mob.anger = { player }
    mob.stare = null
    mob.setVoyagerMetadata([{ key: CREEPY_KEY, type: 'boolean', value: true }, { key: STARED_AT_KEY, type: 'boolean', value: false }])
    serv.playSound('entity.enderman.stare', mob.world, mob.position, { soundCategory: 'hostile' })
  }

  function calm (mob) {
    if (!mob.anger) return
    mob.anger = null
    mob.targetChangedAt = ticks
    mob.setVoyagerMetadata([{ key: CREEPY_KEY, type: 'boolean', value: false }])
  }

  // vanilla EnderMan.isLookingAtMe
  function isLookingAtMe (mob, player) {
    const head = player.inventory.slots[5]
    if (head && registry.items[head.type].name === 'carved_pumpkin') return false
    const eye = player.position.offset(0, PLAYER_EYE_HEIGHT, 0)
    const toMe = mob.position.offset(0, EYE_HEIGHT, 0).minus(eye)
    const distance = toMe.norm()
    if (distance === 0 || distance > LOOK_RANGE) return false
    const dot = player.lookVector().dot(toMe.scaled(1 / distance))
    return dot > 1 - 0.025 / distance && lineOfSight(mob.world, eye, mob.position.offset(0, EYE_HEIGHT, 0))
  }

  function lineOfSight (world, from, to) {
    const delta = to.minus(from)
    const steps = Math.ceil(delta.norm() / 0.3)
    for (let i = 1; i < steps; i++) if (isSolid(world, from.plus(delta.scaled(i / steps)))) return false
    return true
  }

  const canProvoke = (mob, player) => player.world === mob.world && player.health > 0 && player.gameMode === 0

  // vanilla EndermanLookForPlayerGoal: five ticks of eye contact
  function watchForStares (mob) {
    if (mob.stare) {
      const { player } = mob.stare
      if (!canProvoke(mob, player) || !isLookingAtMe(mob, player)) {
        mob.stare = null
        mob.setVoyagerMetadata([{ key: STARED_AT_KEY, type: 'boolean', value: false }])
      } else if (--mob.stare.ticks <= 0) {
        provoke(mob, player)
      }
      return
    }
    const starer = serv.players.find((player) => canProvoke(mob, player) && isLookingAtMe(mob, player))
    if (!starer) return
    mob.stare = { player: starer, ticks: STARE_TICKS }
    mob.setVoyagerMetadata([{ key: STARED_AT_KEY, type: 'boolean', value: true }])
  }

  function chase (mob) {
    const { player } = mob.anger
    if (!canProvoke(mob, player) || player.position.distanceTo(mob.position) > LOOK_RANGE) return calm(mob)
    const distance = player.position.distanceTo(mob.position)
    if (isLookingAtMe(mob, player)) {
      if (distance < TOO_CLOSE) teleport(mob)
      mob.farTicks = 0
    } else if (distance > TOO_FAR && mob.farTicks++ >= FAR_TELEPORT_TICKS && teleportTowards(mob, player)) {
      mob.farTicks = 0
    }
  }

  // vanilla EnderMan.customServerAiStep: water hurts, daylight sends them off
  function restless (mob) {
    const feet = blockAt(mob.world, mob.position)?.name
    const head = blockAt(mob.world, mob.position.offset(0, EYE_HEIGHT, 0))?.name
    if ((feet === 'water' || head === 'water') && ticks % WATER_HURT_EVERY === 0) {
      mob.takeDamage({ damage: 1 })
      return true
    }
    const day = ((serv.time ?? 0) % 24000) < DAY_END
    if (!day || ticks < mob.targetChangedAt + DAYLIGHT_CALM_TICKS) return false
    const open = mob.world.sync.getSkyLight(mob.position.offset(0, EYE_HEIGHT, 0).floored()) >= 15
    if (!open || random.next() * 30 >= (1 - 0.4) * 2) return false
    calm(mob)
    teleport(mob)
    return true
  }

  function teleport (mob) {
    const x = mob.position.x + (random.next() - 0.5) * 64
    const y = mob.position.y + (random.int(0, 63) - 32)
    const z = mob.position.z + (random.next() - 0.5) * 64
    return teleportTo(mob, x, y, z)
  }

  function teleportTowards (mob, player) {
    const away = new Vec3(mob.position.x - player.position.x, mob.position.y + HEIGHT / 2 - (player.position.y + PLAYER_EYE_HEIGHT), mob.position.z - player.position.z).normalize()
    const x = mob.position.x + (random.next() - 0.5) * 8 - away.x * 16
    const y = mob.position.y + (random.int(0, 15) - 8) - away.y * 16
    const z = mob.position.z + (random.next() - 0.5) * 8 - away.z * 16
    return teleportTo(mob, x, y, z)
  }

  // vanilla EnderMan.teleport(x, y, z): down to the ground, which must not be water, with room to stand
  function teleportTo (mob, x, y, z) {
    const world = mob.world
    const p = new Vec3(Math.floor(x), Math.floor(y), Math.floor(z))
    if (!world.sync.getColumnAt(p)) return false
    while (p.y > MIN_Y && !isSolid(world, p.offset(0, -1, 0))) p.y--
    if (p.y <= MIN_Y || blockAt(world, p.offset(0, -1, 0))?.name === 'water') return false
    for (let dy = 0; dy < Math.ceil(HEIGHT); dy++) {
      const block = blockAt(world, p.offset(0, dy, 0))
      if (!block || block.boundingBox !== 'empty' || block.name === 'water' || block.name === 'lava') return false
    }
    const from = mob.position.clone()
    mob.sendPosition(new Vec3(p.x + 0.5, p.y, p.z + 0.5), true)
    if (mob.ai) mob.ai.path = []
    serv.playSound('entity.enderman.teleport', world, from, { soundCategory: 'hostile' })
    serv.emit('endermanTeleported', mob, from)
    return true
  }

  serv.on('tick', () => {
    ticks++
    for (const mob of endermen) {
      if (mob.destroyed || mob.health <= 0) {
        endermen.delete(mob)
        continue
      }
      if (!mob.world.sync.getColumnAt(mob.position) || restless(mob)) continue
      if (mob.anger) chase(mob)
      else watchForStares(mob)
    }
  })
}
