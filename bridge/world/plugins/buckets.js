// Buckets as vanilla 1.20.4's BucketItem: using an empty bucket (right
// click: use_item) picks up the water or lava source the player looks at
// within 5 blocks and gives a water_bucket or lava_bucket; using a full one
// pours a source into the block looked at (when it can hold a fluid) or
// beside the face looked at, and gives the empty bucket back. A vanilla
// client answers a right click on a block with use_item aimed at that same
// block face; mineflayer's activateBlock and placeBlock send only the click
// on the block, so a bucket used on a block acts on the clicked block and
// face. serv.exchangeHeldItem(player, slot, name) swaps one of the stack
// that was used for another item the vanilla way (milking a cow can use it).
'use strict'

const { Vec3 } = require('vec3')

const REACH = 5
const EYE_HEIGHT = 1.62
const FLUID_SURFACE = 8 / 9
const FILLED = { water: 'water_bucket', lava: 'lava_bucket' }
const POURS = { water_bucket: 'water', lava_bucket: 'lava' }
const FACES = [new Vec3(0, -1, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
const REPLACEABLE = new Set(['air', 'cave_air', 'void_air', 'water', 'lava', 'short_grass', 'tall_grass', 'fern', 'large_fern', 'dead_bush', 'vine', 'fire', 'snow', 'seagrass', 'tall_seagrass', 'glow_lichen'])

module.exports.server = function (serv) {
  const { registry } = serv

  // One `name` for one of the stack in `slot` (the hand that used it): into that
  // slot if the stack is used up, else into the inventory.
  serv.exchangeHeldItem = (player, slot, name) => {
    const items = serv.voyagerItems
    const held = player.inventory.slots[slot]
    const result = items.make(name)
    if (player.gameMode === 1) {
      if (!player.inventory.slots.some((item) => item && item.type === result.type)) player.giveItem(result)
      return
    }
    if (!held || held.count <= 1) return player.inventory.updateSlot(slot, result)
    player.inventory.updateSlot(slot, items.copy(held, held.count - 1))
    player.giveItem(result)
  }

  serv.on('newPlayer', (player) => {
    // exact angles: flying-squid keeps only a byte of each
    player.look = { yaw: 0, pitch: 0 }
    for (const packet of ['look', 'position_look']) {
      player._client.on(packet, ({ yaw, pitch }) => { player.look = { yaw, pitch } })
    }
    player._client.on('use_item', ({ hand }) => {
      const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
      useBucket(player, slot, player.inventory.slots[slot]).catch((err) => serv.voyagerLog.error(`bucket: ${err.stack}`))
    })
  })

  serv.once('pluginsReady', () => {
    for (const name of ['bucket', ...Object.keys(POURS)]) {
      serv.onItemPlace(name, ({ player, slot, item, clickedBlock, direction }) => {
        const clicked = { block: clickedBlock, position: clickedBlock.position.clone(), face: direction }
        const done = useBucket(player, slot, item, clicked).catch((err) => serv.voyagerLog.error(`bucket: ${err.stack}`))
        return { id: -1, data: 0, done }
      })
    }
  })

  // slot, item: what was in hand when used; clicked: { block, position, face }
  // of a click on a block, else the look decides
  async function useBucket (player, slot, item, clicked = null) {
    const name = item && registry.items[item.type].name
    if (name === 'bucket') return fill(player, slot, clicked)
    if (POURS[name]) return pour(player, slot, POURS[name], clicked)
  }

  async function fill (player, slot, clicked) {
    const source = clicked ? clickedSource(player.world, clicked) : trace(player, true)?.position
    const fluid = source && serv.fluidAt(player.world, source)
    if (!fluid?.source || fluid.fixed) return
    await serv.setBlock(player.world, source, 0)
    serv.playSound(`item.bucket.fill${fluid.name === 'lava' ? '_lava' : ''}`, player.world, source.offset(0.5, 0.5, 0.5))
    serv.exchangeHeldItem(player, slot, FILLED[fluid.name])
  }

  function clickedSource (world, { position, face }) {
    return [position, position.plus(FACES[face])].find((p) => serv.fluidAt(world, p)?.source)
  }

  async function pour (player, slot, fluid, clicked) {
    const hit = clicked ?? trace(player, false)
    if (!hit) return
    const into = REPLACEABLE.has(hit.block.name) ? hit.position : hit.position.plus(FACES[hit.face])
    const target = await player.world.getBlock(into)
    if (!REPLACEABLE.has(target.name)) return
    if (!['air', 'cave_air', 'void_air', 'water', 'lava'].includes(target.name)) {
      for (const drop of serv.blockDrops(target, null)) serv.spawnItemEntity(player.world, into.offset(0.5, 0.25, 0.5), drop)
    }
    await serv.setBlock(player.world, into, serv.fluidSourceState(fluid))
    serv.playSound(`item.bucket.empty${fluid === 'lava' ? '_lava' : ''}`, player.world, into.offset(0.5, 0.5, 0.5))
    if (player.gameMode !== 1) serv.exchangeHeldItem(player, slot, 'bucket')
  }

  // The first block along the player's look: fluid sources count as hits
  // (their surface), other fluids do not; solid blocks stop the ray.
  function trace (player, sourcesOnly) {
    const yaw = player.look.yaw * Math.PI / 180
    const pitch = player.look.pitch * Math.PI / 180
    const direction = new Vec3(-Math.sin(yaw) * Math.cos(pitch), -Math.sin(pitch), Math.cos(yaw) * Math.cos(pitch))
    const eye = player.position.offset(0, EYE_HEIGHT, 0)
    let hit = null
    player.world.sync.raycast(eye, direction, REACH, (block, iter) => {
      const fluid = sourcesOnly && serv.fluidAt(player.world, block.position)
      const shapes = fluid?.source && !fluid.fixed ? [[0, 0, 0, 1, surface(player.world, block.position, fluid), 1]] : block.shapes
      const at = shapes.length ? iter.intersect(shapes, block.position) : null
      if (at) hit = { block, position: block.position.clone(), face: at.face }
      return !!at
    })
    return hit
  }

  function surface (world, position, fluid) {
    return serv.fluidAt(world, position.offset(0, 1, 0))?.name === fluid.name ? 1 : FLUID_SURFACE
  }
}
