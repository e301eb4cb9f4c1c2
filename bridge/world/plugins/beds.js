// Beds as vanilla 1.20.4: a bed item places a foot where it is used and a
// head beyond it in the direction the player faces; breaking either half
// removes both and drops one bed. Using a bed within reach sets the player's
// respawn point beside it ("Respawn point set") and, between dusk and dawn
// (ticks 12542-23459 of the day) with no monster within 8 blocks, puts the
// player to sleep (pose and bed position in its metadata, which mineflayer's
// bot.sleep() waits for); otherwise the player is told vanilla's reason. When
// every player in the world has slept 100 ticks, the night is skipped to the
// next morning and all wake up; a sleeper may also leave the bed
// (bot.wake()). A player whose bed is gone respawns at the world spawn.
'use strict'

const { Vec3 } = require('vec3')

const NIGHT = [12542, 23459]
const DEEP_SLEEP_TICKS = 100
const REACH = { horizontal: 3, vertical: 2 }
const MONSTER_RANGE = { horizontal: 8, vertical: 5 }
const FACINGS = ['south', 'west', 'north', 'east']
const OFFSET = { south: new Vec3(0, 0, 1), west: new Vec3(-1, 0, 0), north: new Vec3(0, 0, -1), east: new Vec3(1, 0, 0) }
// 1.20.4 player metadata
const POSE_KEY = 6
const SLEEPING_POS_KEY = 14
const STANDING = 0
const SLEEPING = 2
const LEAVE_BED_ANIMATION = 2
const LEAVE_BED_ACTION = 2

module.exports.server = function (serv) {
  const { registry } = serv
  const text = (key) => registry.language[key] ?? key
  const beds = registry.blocksArray.filter((block) => block.name.endsWith('_bed')).map((block) => block.name)
  const saved = serv.worldStore.section('bed_spawns', {})
  let ticks = 0

  const blockAt = (world, p) => {
    const stateId = world.sync.getBlockStateId(p)
    const block = registry.blocksByStateId[stateId]
    return block && { name: block.name, boundingBox: block.boundingBox, properties: propertiesOf(block, stateId) }
  }

  function propertiesOf (block, stateId) {
    const out = {}
    let offset = stateId - block.minStateId
    for (let i = (block.states?.length ?? 0) - 1; i >= 0; i--) {
      const prop = block.states[i]
      const index = offset % prop.num_values
      offset = Math.floor(offset / prop.num_values)
      out[prop.name] = prop.type === 'bool' ? index === 0 : prop.values?.[index] ?? index
    }
    return out
  }

  function tell (player, message, actionBar = true) {
    player._client.write('system_chat', { content: serv._createChatComponent(message).toNetworkFormat(), isActionBar: actionBar })
  }

  // the head and foot of the bed a block belongs to
  function halves (world, position) {
    const here = blockAt(world, position)
    if (!here || !beds.includes(here.name)) return null
    const toHead = OFFSET[here.properties.facing]
    const head = here.properties.part === 'head' ? position : position.plus(toHead)
    const foot = here.properties.part === 'head' ? position.minus(toHead) : position
    return { name: here.name, facing: here.properties.facing, head, foot }
  }

  function setBed (world, { name, facing, head, foot }, occupied) {
    for (const [part, position] of [['head', head], ['foot', foot]]) {
      if (blockAt(world, position)?.name !== name) continue
      serv.setBlock(world, position, serv.blockStateOf(name, { facing, part, occupied }))
        .catch((err) => serv.voyagerLog.error(`bed: ${err.stack}`))
    }
  }

  // vanilla BedBlock.findStandUpPosition, simplified: a free spot on solid ground around the bed
  function standUpSpot (world, bed) {
    for (const base of [bed.head, bed.foot]) {
      for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
        const p = base.offset(dx, 0, dz)
        const free = (q) => blockAt(world, q)?.boundingBox === 'empty'
        if (free(p) && free(p.offset(0, 1, 0)) && blockAt(world, p.offset(0, -1, 0))?.boundingBox === 'block') return p.offset(0.5, 0, 0.5)
      }
    }
    return bed.head.offset(0.5, 0.5625, 0.5)
  }

  serv.once('pluginsReady', () => {
    for (const name of beds) {
      serv.onItemPlace(name, (data) => place(name, data), false)
      serv.onBlockInteraction(name, ({ player, block }) => {
        use(player, block.position)
        return true
      })
    }
  })

  // vanilla BedItem: the foot where the item is used, the head one block on in the look direction
  function place (name, { player, placedPosition }) {
    const yaw = player.lookAngles().yaw
    const facing = FACINGS[Math.floor(yaw / 90 + 0.5) & 3]
    const head = placedPosition.plus(OFFSET[facing])
    const free = (p) => {
      const block = blockAt(player.world, p)
      return block?.name === 'air' || block?.name === 'short_grass' || block?.name === 'water'
    }
    if (!free(placedPosition) || !free(head) || blockAt(player.world, head.offset(0, -1, 0))?.boundingBox !== 'block') return { id: -1, data: 0 }
    const done = serv.setBlock(player.world, head, serv.blockStateOf(name, { facing, part: 'head', occupied: false }))
      .catch((err) => serv.voyagerLog.error(`bed: ${err.stack}`))
    const block = registry.blocksByName[name]
    return { id: block.id, data: serv.blockStateOf(name, { facing, part: 'foot', occupied: false }) - block.minStateId, done }
  }

  // the other half goes too, without a drop of its own
  serv.on('voyagerBlockBreaking', ({ world, position, block }) => {
    if (!beds.includes(block.name)) return
    const bed = halves(world, position)
    if (!bed) return
    const other = position.equals(bed.head) ? bed.foot : bed.head
    if (blockAt(world, other)?.name === bed.name) {
      serv.setBlock(world, other, 0).catch((err) => serv.voyagerLog.error(`bed: ${err.stack}`))
    }
    for (const player of serv.players) if (player.sleepingIn && player.sleepingIn.head.equals(bed.head)) wake(player)
  })

  function use (player, position) {
    const bed = halves(player.world, position)
    if (!bed || player.health <= 0 || player.sleepingIn) return
    const p = player.position
    const inReach = [bed.head, bed.foot].some((b) => Math.abs(p.x - (b.x + 0.5)) <= REACH.horizontal &&
      Math.abs(p.y - b.y) <= REACH.vertical && Math.abs(p.z - (b.z + 0.5)) <= REACH.horizontal)
    if (!inReach) return tell(player, text('block.minecraft.bed.too_far_away'))
    if (blockAt(player.world, bed.head.offset(0, 1, 0))?.boundingBox === 'block') return tell(player, text('block.minecraft.bed.obstructed'))
    if (blockAt(player.world, bed.head)?.properties.occupied) return tell(player, text('block.minecraft.bed.occupied'))
    setRespawn(player, bed)
    const time = ((serv.time ?? 0) % 24000 + 24000) % 24000
    if (time < NIGHT[0] || time > NIGHT[1]) return tell(player, text('block.minecraft.bed.no_sleep'))
    if (player.gameMode !== 1 && monsterNear(player.world, bed.head)) return tell(player, text('block.minecraft.bed.not_safe'))
    sleep(player, bed)
  }

  function setRespawn (player, bed) {
    const key = bed.head.toString()
    if (player.bedHead?.toString() !== key) tell(player, text('block.minecraft.set_spawn'), false)
    player.bedHead = bed.head
    saved[player.username] = [bed.head.x, bed.head.y, bed.head.z]
    serv.worldStore.markDirty()
  }

  function monsterNear (world, head) {
    return Object.values(serv.entities).some((entity) => entity.hostile && entity.health > 0 && entity.world === world &&
      Math.abs(entity.position.x - head.x) <= MONSTER_RANGE.horizontal && Math.abs(entity.position.z - head.z) <= MONSTER_RANGE.horizontal &&
      Math.abs(entity.position.y - head.y) <= MONSTER_RANGE.vertical)
  }

  function sleep (player, bed) {
    player.sleepingIn = { ...bed, since: ticks }
    setBed(player.world, bed, true)
    const metadata = [
      { key: POSE_KEY, type: 'pose', value: SLEEPING },
      { key: SLEEPING_POS_KEY, type: 'optional_block_pos', value: bed.head }
    ]
    player._client.write('entity_metadata', { entityId: player.id, metadata })
    player._writeOthersNearby('entity_metadata', { entityId: player.id, metadata })
    serv.emit('playerSlept', player)
  }

  function wake (player) {
    const bed = player.sleepingIn
    if (!bed) return
    player.sleepingIn = null
    setBed(player.world, bed, false)
    const metadata = [
      { key: POSE_KEY, type: 'pose', value: STANDING },
      { key: SLEEPING_POS_KEY, type: 'optional_block_pos', value: undefined }
    ]
    for (const packet of [['entity_metadata', { entityId: player.id, metadata }], ['animation', { entityId: player.id, animation: LEAVE_BED_ANIMATION }]]) {
      player._client.write(...packet)
      player._writeOthersNearby(...packet)
    }
    if (player.health > 0) player.teleport(standUpSpot(player.world, bed))
    serv.emit('playerWoke', player)
  }

  // vanilla ServerLevel.tick: everyone asleep long enough skips to the next morning
  function skipNightIfAllAsleep () {
    const awake = serv.players.filter((player) => player.gameMode !== 3 && player.health > 0)
    if (awake.length === 0 || !awake.every((player) => player.sleepingIn)) return
    if (!awake.every((player) => ticks - player.sleepingIn.since >= DEEP_SLEEP_TICKS)) return
    if (serv.doDaylightCycle !== false) {
      const next = serv.time + 24000
      serv.setTime(next - (next % 24000))
    }
    for (const player of awake) wake(player)
  }

  serv.on('newPlayer', (player) => {
    const head = saved[player._client.username]
    player.bedHead = head ? new Vec3(...head) : null
    player.sleepingIn = null
    // damage.js respawns here; a bed that is gone no longer counts
    Object.defineProperty(player, 'bedSpawn', {
      configurable: true,
      get () {
        if (!player.bedHead) return null
        const bed = halves(player.world, player.bedHead)
        if (bed) return standUpSpot(player.world, bed)
        tell(player, text('block.minecraft.spawn.not_valid'), false)
        player.bedHead = null
        delete saved[player.username]
        return null
      }
    })
    player._client.on('entity_action', ({ actionId }) => {
      if (actionId === LEAVE_BED_ACTION) wake(player)
    })
    player.on('disconnected', () => wake(player))
  })
  serv.on('playerDied', (player) => wake(player))

  serv.on('tick', () => {
    ticks++
    for (const player of serv.players) {
      if (player.sleepingIn && !halves(player.world, player.sleepingIn.head)) wake(player)
    }
    skipNightIfAllAsleep()
  })
}
