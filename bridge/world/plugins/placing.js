// Using an item on a block (the client's block_place), as vanilla 1.20.4's
// ServerPlayerGameMode.useItemOn: the clicked block's own use first (tables,
// furnaces, chests: serv.onBlockInteraction), then the held item's use on it
// (hoes, bone meal, buckets, seeds: serv.onItemPlace), then placing the block
// the item stands for, into the clicked block when that is replaceable (grass,
// water) or else beside the clicked face, only where the new block survives
// (a sapling on dirt, wheat on farmland: data/plants.json) and into no solid
// block. Replaces flying-squid's handler, which also refused any block in the
// player's own feet, so a sapling could not be planted where the bot stood.
'use strict'

const { Vec3 } = require('vec3')
const plants = require('../data/plants.json')
const { createPlantRules } = require('../lib/plant-rules')

const FACES = [new Vec3(0, -1, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
const FACING = ['north', 'east', 'south', 'west']
const AXES = ['y', 'y', 'z', 'z', 'x', 'x']
// vanilla's replaceable blocks: a block placed on them takes their place
const REPLACEABLE = new Set(['air', 'cave_air', 'void_air', 'water', 'lava', 'short_grass', 'tall_grass', 'fern', 'large_fern', 'dead_bush', 'vine', 'fire', 'snow', 'seagrass', 'tall_seagrass', 'glow_lichen', 'structure_void'])

module.exports.server = function (serv) {
  const { registry } = serv
  const rules = createPlantRules(registry, plants)
  const nameAt = (world) => (x, y, z) => {
    const pos = new Vec3(x, y, z)
    return world.sync.getColumnAt(pos) ? registry.blocksByStateId[world.sync.getBlockStateId(pos)]?.name : null
  }
  serv.plantRules = rules
  serv.canSurviveAt = (world, pos, name, placing = false) => rules.canSurvive(nameAt(world), pos.x, pos.y, pos.z, name, placing)
  serv.isReplaceable = (name) => REPLACEABLE.has(name)

  serv.once('pluginsReady', () => {
    for (const [item, block] of Object.entries(plants.item_blocks)) {
      serv.onItemPlace(item, () => ({ id: registry.blocksByName[block].id, data: 0 }))
    }
  })

  // One of `item` from that inventory slot, if the slot still holds that kind (not in creative).
  serv.useUpItem = (player, slot, item) => {
    const now = player.inventory.slots[slot]
    if (player.gameMode === 1 || !now || now.type !== item.type) return
    player.inventory.updateSlot(slot, serv.voyagerItems.copy(now, now.count - 1))
  }

  serv.on('newPlayer', (player) => {
    player._client.removeAllListeners('block_place')
    player._client.on('block_place', (packet) => {
      // the item in hand when the click came, whatever the next packets change
      const slot = packet.hand === 1 ? 45 : 36 + player.heldItemSlot
      useItemOn(player, packet, slot, player.inventory.slots[slot] ?? null)
        .catch((err) => serv.voyagerLog.error(`block_place: ${err.stack}`))
        .finally(() => player._client.write('acknowledge_player_digging', { sequenceId: packet.sequence ?? 0 }))
    })
  })

  async function useItemOn (player, { hand = 0, location, direction, cursorY }, slot, item) {
    const clicked = new Vec3(location.x, location.y, location.z)
    const block = await player.world.getBlock(clicked)
    block.position = clicked
    block.direction = direction
    if (await serv.interactWithBlock({ block, player })) return
    if (player.gameMode >= 2 || direction < 0 || direction > 5 || !item) return
    const intoClicked = REPLACEABLE.has(block.name)
    const placedPosition = intoClicked ? clicked : clicked.plus(FACES[direction])
    const { id, data } = await serv.placeItem({
      item,
      hand,
      slot,
      player,
      direction,
      clickedBlock: block,
      referencePosition: clicked,
      placedPosition,
      directionVector: intoClicked ? new Vec3(0, 0, 0) : FACES[direction],
      angle: angleTo(player, placedPosition),
      properties: await placementProperties(player, placedPosition, direction, cursorY)
    })
    const placed = registry.blocks[id]
    if (!placed) return
    if (!await mayPlace(player, placedPosition, placed, intoClicked)) return
    serv.playSound(`block.${placed.material?.includes('plant') ? 'grass' : 'stone'}.place`, player.world, placedPosition.offset(0.5, 0.5, 0.5), { pitch: 0.8 })
    serv.useUpItem(player, slot, item)
    await serv.setBlock(player.world, placedPosition, placed.minStateId + data)
    serv.emit('voyagerBlockPlaced', { player, position: placedPosition, block: placed })
  }

  async function mayPlace (player, position, placed, intoClicked) {
    const there = await player.world.getBlock(position)
    if (!intoClicked && !REPLACEABLE.has(there.name)) return false
    if (placed.boundingBox === 'block' && position.equals(player.position.floored())) return false
    return serv.canSurviveAt(player.world, position, placed.name, true)
  }

  function angleTo (player, position) {
    const dx = player.position.x - (position.x + 0.5)
    const dz = player.position.z - (position.z + 0.5)
    return Math.atan2(dx, -dz) * 180 / Math.PI + 180
  }

  // the block-state properties flying-squid's handlers expect
  async function placementProperties (player, position, direction, cursorY = 0.5) {
    const angle = angleTo(player, position)
    let half = cursorY > 0.5 ? 'top' : 'bottom'
    if (direction === 0) half = 'top'
    else if (direction === 1) half = 'bottom'
    return {
      rotation: Math.floor(angle / 22.5 + 0.5) & 0xF,
      axis: AXES[direction],
      facing: FACING[Math.floor(angle / 90 + 0.5) & 0x3],
      half,
      waterlogged: (await player.world.getBlock(position)).name === 'water'
    }
  }
}
