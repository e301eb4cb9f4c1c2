// Arrows fly as vanilla 1.20.4's (data/combat.json "arrow"): shot with a
// velocity in blocks per tick, they fall 0.05 and keep 99% of their speed
// each tick (60% in water), stop in the first solid block they meet and hit
// the first mob or player on their way (not the one who shot them), for
// ceil(speed x base damage) (a critical arrow up to damage / 2 + 1 more),
// pushing it back. A shield raised towards the arrow stops it. An arrow a
// player shot can be picked up from where it stuck; it vanishes after a
// minute. serv.shootArrow is how skeletons and bows shoot.
'use strict'

const { Vec3 } = require('vec3')
const { arrow: rules } = require('../data/combat.json')
const { ruleRandom } = require('../lib/random')

const STEP = 0.1
const CRITICAL_KEY = 8
const PICKUP_REACH = 1.0
const PUSH = 0.4

module.exports.server = function (serv) {
  const { registry } = serv
  const random = ruleRandom(serv.voyagerSeed, 'arrows')
  const flying = new Set()

  const blockAt = (world, p) => registry.blocksByStateId[world.sync.getBlockStateId(p.floored())]
  const isSolid = (world, p) => blockAt(world, p)?.boundingBox === 'block'

  // shooter: the entity that shot (or null); velocity in blocks per tick; pickup: a player may take it back
  serv.shootArrow = ({ shooter = null, world, from, velocity, baseDamage = rules.base_damage, critical = false, pickup = false }) => {
    const yaw = Math.atan2(velocity.x, velocity.z) * 180 / Math.PI
    const pitch = Math.atan2(velocity.y, Math.hypot(velocity.x, velocity.z)) * 180 / Math.PI
    const arrow = serv.spawnObject(registry.entitiesByName.arrow.id, world, from.clone(), {
      velocity: velocity.scaled(20),
      yaw: angleByte(yaw),
      pitch: angleByte(pitch),
      data: shooter ? shooter.id + 1 : 0
    })
    // moved here alone: flying-squid's physics skips entities without a size
    arrow.size = null
    arrow.gravity = null
    Object.assign(arrow, { shooter, flight: velocity.clone(), baseDamage, critical, pickup, stuckTicks: null })
    if (critical) arrow.setVoyagerMetadata([{ key: CRITICAL_KEY, type: 'byte', value: 1 }])
    flying.add(arrow)
    return arrow
  }

  function fly (arrow) {
    const start = arrow.position
    const end = start.plus(arrow.flight)
    const target = firstEntityOn(arrow, start, end)
    const wall = firstSolidOn(arrow.world, start, end)
    if (target && (!wall || target.at <= wall.at)) return hit(arrow, target.entity, start.plus(arrow.flight.scaled(target.at)))
    if (wall) return stick(arrow, wall.position)
    const inWater = blockAt(arrow.world, end)?.name === 'water'
    arrow.flight.scale(inWater ? rules.water_drag : rules.drag)
    arrow.flight.y -= rules.gravity
    arrow.sendPosition(end, false)
  }

  // the first solid block along the segment, as a fraction of it and the last free point
  function firstSolidOn (world, start, end) {
    const delta = end.minus(start)
    const steps = Math.max(1, Math.ceil(delta.norm() / STEP))
    for (let i = 1; i <= steps; i++) {
      const p = start.plus(delta.scaled(i / steps))
      if (isSolid(world, p)) return { at: i / steps, position: start.plus(delta.scaled((i - 1) / steps)) }
    }
    return null
  }

  function firstEntityOn (arrow, start, end) {
    let best = null
    for (const entity of Object.values(serv.entities)) {
      if (entity === arrow.shooter || entity.world !== arrow.world || !(entity.health > 0)) continue
      if (entity.type !== 'player' && entity.type !== 'mob') continue
      if (entity.type === 'player' && (entity.gameMode === 3 || entity.health <= 0)) continue
      const at = segmentHitsBox(start, end, boxOf(entity))
      if (at !== null && (!best || at < best.at)) best = { entity, at }
    }
    return best
  }

  function boxOf (entity) {
    const def = entity.type === 'player' ? { width: 0.6, height: 1.8 } : registry.entitiesByName[entity.name]
    const half = def.width / 2 + rules.hitbox_margin
    const p = entity.position
    return { min: new Vec3(p.x - half, p.y - rules.hitbox_margin, p.z - half), max: new Vec3(p.x + half, p.y + def.height + rules.hitbox_margin, p.z + half) }
  }

  function hit (arrow, entity, at) {
    const speed = arrow.flight.norm()
    let damage = Math.ceil(speed * arrow.baseDamage)
    if (arrow.critical) damage += random.int(0, Math.floor(damage / 2) + 1)
    remove(arrow)
    if (entity.type === 'player') {
      entity.hurt?.(damage, 'arrow', { position: at, entity: arrow.shooter })
      if (entity.health > 0) push(entity, arrow.flight)
    } else {
      entity.takeDamage?.({ damage, velocity: arrow.flight.clone(), attacker: arrow.shooter, projectile: true })
    }
    serv.emit('arrowHit', arrow, entity, damage)
  }

  function push (player, direction) {
    const flat = new Vec3(direction.x, 0, direction.z)
    if (flat.norm() === 0) return
    flat.normalize().scale(PUSH)
    // entity_velocity is in 1/8000 block per tick
    player._client.write('entity_velocity', { entityId: player.id, velocity: { x: Math.round(flat.x * 8000), y: 3000, z: Math.round(flat.z * 8000) } })
  }

  function stick (arrow, position) {
    arrow.flight = new Vec3(0, 0, 0)
    arrow.stuckTicks = 0
    arrow.sendPosition(position, true)
    arrow._writeOthersNearby('entity_velocity', { entityId: arrow.id, velocity: { x: 0, y: 0, z: 0 } })
  }

  function tryPickup (arrow) {
    for (const player of serv.players) {
      if (player.world !== arrow.world || player.health <= 0 || player.gameMode === 3) continue
      const d = arrow.position.minus(player.position)
      if (Math.hypot(d.x, d.z) > PICKUP_REACH || d.y < -0.5 || d.y > 2) continue
      const creative = player.gameMode === 1
      if (!creative && player.addToInventory(serv.voyagerItems.make('arrow'))) continue
      const collect = { collectedEntityId: arrow.id, collectorEntityId: player.id, pickupItemCount: 1 }
      player._client.write('collect', collect)
      player._writeOthersNearby('collect', collect)
      remove(arrow)
      return
    }
  }

  function remove (arrow) {
    flying.delete(arrow)
    serv.destroyEntity(arrow)
  }

  serv.on('tick', () => {
    for (const arrow of flying) {
      if (arrow.destroyed) flying.delete(arrow)
      else if (arrow.stuckTicks === null) fly(arrow)
      else if (++arrow.stuckTicks >= rules.stuck_ticks) remove(arrow)
      else if (arrow.pickup) tryPickup(arrow)
    }
  })
}

function angleByte (degrees) {
  return ((Math.floor(degrees / 360 * 256) & 255) ^ 128) - 128
}

// The fraction of the segment start -> end where it enters the box, or null.
function segmentHitsBox (start, end, { min, max }) {
  let t0 = 0
  let t1 = 1
  for (const axis of ['x', 'y', 'z']) {
    const d = end[axis] - start[axis]
    if (Math.abs(d) < 1e-9) {
      if (start[axis] < min[axis] || start[axis] > max[axis]) return null
      continue
    }
    let a = (min[axis] - start[axis]) / d
    let b = (max[axis] - start[axis]) / d
    if (a > b) [a, b] = [b, a]
    t0 = Math.max(t0, a)
    t1 = Math.min(t1, b)
    if (t0 > t1) return null
  }
  return t0
}
