// Boats as vanilla 1.20.4: using a boat item (bot.activateItem) while looking
// at water or a block within 5 blocks puts a boat of its wood there, facing
// the way the player looks, and uses up the item. A boat floats on water and
// rests on land. Right-clicking it (bot.mount) seats the player; the rider
// steers it with the movement keys (bot.moveVehicle: forward speeds it up
// to about 8 blocks a second on water, left and right turn it) and leaves it
// with the sneak key (bot.dismount), stepping off beside it. Hitting a boat
// hard enough (damage x 10 over 40, fading by 1 a tick) breaks it into its item.
// The server moves the boat from the rider's keys (a vanilla client moves
// its own boat and reports where it went; mineflayer does not), and keeps the
// rider's own client told where its seat is. Leaving also sends the rider
// set_passengers(-1, [rider]): mineflayer clears bot.vehicle and emits
// 'dismount' only on that shape (a vanilla client ignores it).
'use strict'

const { Vec3 } = require('vec3')

const REACH = 5
const RAY_STEP = 0.05
const VARIANTS = ['oak', 'spruce', 'birch', 'jungle', 'acacia', 'cherry', 'dark_oak', 'mangrove', 'bamboo']
// 1.20.4 boat metadata
const HURT_TIME_KEY = 8
const HURT_DIR_KEY = 9
const DAMAGE_KEY = 10
const VARIANT_KEY = 11
const SEAT_HEIGHT = 0.5625 / 3 - 0.35
const HALF_WIDTH = 1.375 / 2
const FLOAT_DEPTH = 0.5
const GRAVITY = 0.04
const FRICTION = { water: 0.9, land: 0.45, air: 0.9 }
const PADDLE = { forward: 0.04, backward: -0.005, turning: 0.005 }
const BREAK_DAMAGE = 40
const DISMOUNT_FLAG = 0x02
const SNAP_BACK_DISTANCE = 1
const SHOW_SEAT_EVERY = 0.5

module.exports.server = function (serv) {
  const { registry } = serv
  const boats = new Set()

  const blockAt = (world, p) => registry.blocksByStateId[world.sync.getBlockStateId(p.floored())]
  const isSolid = (world, p) => blockAt(world, p)?.boundingBox === 'block'
  const isWater = (world, p) => blockAt(world, p)?.name === 'water'
  const boatVariant = (name) => name.replace(/_(chest_)?(boat|raft)$/, '')

  // the first solid block or water the player's view meets within reach
  function aimedPoint (player) {
    const eye = player.eyePosition()
    const look = player.lookVector()
    for (let d = RAY_STEP; d <= REACH; d += RAY_STEP) {
      const p = eye.plus(look.scaled(d))
      if (isWater(player.world, p)) return new Vec3(p.x, Math.floor(p.y) + FLOAT_DEPTH, p.z)
      if (isSolid(player.world, p)) return eye.plus(look.scaled(d - RAY_STEP))
    }
    return null
  }

  serv.on('newPlayer', (player) => {
    player.ridingBoat = null

    player._client.on('use_item', ({ hand }) => {
      const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
      const item = player.inventory.slots[slot]
      const name = item && registry.items[item.type].name
      if (!name || !/_(boat|raft)$/.test(name) || name.includes('_chest_') || player.ridingBoat) return
      const at = aimedPoint(player)
      if (!at || isSolid(player.world, at)) return
      placeBoat(player.world, at, boatVariant(name), player.lookAngles().yaw)
      if (player.gameMode !== 1) player.inventory.updateSlot(slot, serv.voyagerItems.copy(item, item.count - 1))
    })

    player._client.on('steer_vehicle', ({ sideways, forward, jump }) => {
      const boat = player.ridingBoat
      if (!boat) return
      if (jump & DISMOUNT_FLAG) return dismount(player)
      boat.input = { left: sideways > 0, right: sideways < 0, up: forward > 0, down: forward < 0 }
    })

    // a rider sits in the boat: what its client claims about its own position is ignored
    player.on('move_cancel', (data, cancel) => {
      const boat = player.ridingBoat
      if (!boat || data.position.distanceTo(seatOf(boat)) < 0.01) return
      cancel(data.position.distanceTo(seatOf(boat)) > SNAP_BACK_DISTANCE)
    })
    player.on('disconnected', () => dismount(player))
  })
  serv.on('playerDied', (player) => dismount(player))

  function placeBoat (world, position, variant, yaw) {
    const boat = serv.spawnObject(registry.entitiesByName.boat.id, world, position, { yaw: angleByte(yaw) })
    boat.size = null
    boat.gravity = null
    Object.assign(boat, { isBoat: true, variant, yawDegrees: yaw, deltaRotation: 0, motion: new Vec3(0, 0, 0), input: {}, rider: null, damage: 0 })
    boat.setVoyagerMetadata([{ key: VARIANT_KEY, type: 'int', value: Math.max(0, VARIANTS.indexOf(variant)) }])
    boats.add(boat)
    serv.emit('boatPlaced', boat)
    return boat
  }

  const seatOf = (boat) => boat.position.offset(0, SEAT_HEIGHT, 0)

  serv.onEntityInteraction(({ player, entity }) => {
    if (!entity.isBoat || entity.rider || player.ridingBoat || player.crouching) return false
    entity.rider = player
    entity.input = {}
    entity.shownSeat = null
    player.ridingBoat = entity
    sendPassengers(entity)
    carry(entity)
    serv.emit('playerMounted', player, entity)
    return true
  })

  function sendPassengers (boat) {
    const packet = { entityId: boat.id, passengers: boat.rider ? [boat.rider.id] : [] }
    for (const player of serv.players) if (player.world === boat.world) player._client.write('set_passengers', packet)
  }

  function dismount (player) {
    const boat = player.ridingBoat
    if (!boat) return
    player.ridingBoat = null
    boat.rider = null
    boat.input = {}
    sendPassengers(boat)
    player._client.write('set_passengers', { entityId: -1, passengers: [player.id] })
    if (player.health > 0) player.teleport(dismountSpot(boat))
    serv.emit('playerDismounted', player, boat)
  }

  // vanilla Boat.getDismountLocationForPassenger, simplified: solid ground beside the boat, else on it
  function dismountSpot (boat) {
    const base = boat.position.floored()
    for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1], [2, 0], [-2, 0], [0, 2], [0, -2]]) {
      for (const dy of [0, 1, -1]) {
        const p = base.offset(dx, dy, dz)
        if (isSolid(boat.world, p.offset(0, -1, 0)) && !isSolid(boat.world, p) && !isSolid(boat.world, p.offset(0, 1, 0)) && !isWater(boat.world, p)) return p.offset(0.5, 0, 0.5)
      }
    }
    return boat.position.offset(0, 0.6, 0)
  }

  serv.on('voyagerPlayerAttack', (player, entity) => {
    if (!entity.isBoat || !boats.has(entity)) return
    const damage = (serv.attackDamage?.(player) ?? 1) * 10
    entity.damage += player.gameMode === 1 ? BREAK_DAMAGE + 1 : damage
    entity.setVoyagerMetadata([
      { key: HURT_TIME_KEY, type: 'int', value: 10 },
      { key: HURT_DIR_KEY, type: 'int', value: 1 },
      { key: DAMAGE_KEY, type: 'float', value: entity.damage }
    ])
    if (entity.damage > BREAK_DAMAGE) breakBoat(entity, player.gameMode !== 1)
  })

  function breakBoat (boat, drop) {
    if (boat.rider) dismount(boat.rider)
    boats.delete(boat)
    serv.destroyEntity(boat)
    if (drop) serv.spawnItemEntity(boat.world, boat.position.offset(0, 0.5, 0), serv.voyagerItems.make(boat.variant === 'bamboo' ? 'bamboo_raft' : boat.variant + '_boat'))
  }

  // vanilla Boat.controlBoat and floatBoat, moved by the server
  function tick (boat) {
    if (boat.damage > 0) boat.damage = Math.max(0, boat.damage - 1)
    const world = boat.world
    const pos = boat.position.clone()
    const inWater = isWater(world, pos)
    const onLand = !inWater && isSolid(world, pos.offset(0, -0.05, 0))
    const friction = inWater ? FRICTION.water : onLand ? FRICTION.land : FRICTION.air
    boat.motion.x *= friction
    boat.motion.z *= friction
    boat.deltaRotation *= friction
    if (boat.rider) steer(boat)
    if (inWater) {
      // float up to the surface, or stay on it
      const surface = surfaceOf(world, pos.floored())
      boat.motion.y = 0
      pos.y = Math.min(surface, pos.y + 0.1)
    } else if (onLand) {
      boat.motion.y = 0
      pos.y = Math.floor(pos.y - 0.05) + 1
    } else {
      boat.motion.y -= GRAVITY
      const below = pos.offset(0, boat.motion.y, 0)
      if (isSolid(world, below)) {
        pos.y = Math.floor(below.y) + 1
        boat.motion.y = 0
      } else {
        pos.y = below.y
      }
    }
    for (const axis of ['x', 'z']) {
      const edge = pos.clone()
      edge[axis] += boat.motion[axis] + Math.sign(boat.motion[axis]) * HALF_WIDTH
      if (isSolid(world, edge) || isSolid(world, edge.offset(0, 0.6, 0))) boat.motion[axis] = 0
      else pos[axis] += boat.motion[axis]
    }
    const yaw = angleByte(boat.yawDegrees)
    if (yaw !== boat.yaw) {
      boat.yaw = yaw
      boat._writeOthersNearby('entity_look', { entityId: boat.id, yaw, pitch: 0, onGround: onLand })
    }
    if (!pos.equals(boat.position)) boat.sendPosition(pos, onLand)
    if (boat.rider) carry(boat)
  }

  // the rider sits where the boat is, also in its own client's eyes
  function carry (boat) {
    const seat = seatOf(boat)
    boat.rider.sendPosition(seat, false, true)
    if (boat.shownSeat && boat.shownSeat.distanceTo(seat) < SHOW_SEAT_EVERY) return
    boat.rider.sendSelfPosition(seat.clone())
    boat.shownSeat = seat
  }

  function steer (boat) {
    const { left, right, up, down } = boat.input
    let push = 0
    if (left) boat.deltaRotation -= 1
    if (right) boat.deltaRotation += 1
    if (left !== right && !up && !down) push += PADDLE.turning
    boat.yawDegrees += boat.deltaRotation
    if (up) push += PADDLE.forward
    if (down) push += PADDLE.backward
    const yaw = boat.yawDegrees * Math.PI / 180
    boat.motion.x += -Math.sin(yaw) * push
    boat.motion.z += Math.cos(yaw) * push
  }

  function surfaceOf (world, p) {
    let y = p.y
    while (isWater(world, new Vec3(p.x, y + 1, p.z))) y++
    return y + FLOAT_DEPTH
  }

  serv.on('tick', () => {
    for (const boat of boats) {
      if (boat.destroyed) boats.delete(boat)
      else if (boat.world.sync.getColumnAt(boat.position)) tick(boat)
    }
  })
}

function angleByte (degrees) {
  return ((Math.floor(degrees / 360 * 256) & 255) ^ 128) - 128
}
