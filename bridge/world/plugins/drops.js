// Digging and what blocks drop: tool tiers (a block with harvest tools in
// minecraft-data drops nothing without one), vanilla drop chances and counts
// (data/block-drops.json), digging no faster than the held tool allows,
// plants falling with the block under them, and the Q / F keys (status 3, 4, 6).
'use strict'

const { Vec3 } = require('vec3')
const dropTable = require('../data/block-drops.json')
const { createBlockStates } = require('../lib/blocks')

const FACES = [new Vec3(0, -1, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
// allow for latency: a dig may end this much earlier than the fastest possible
const DIG_TIME_TOLERANCE = 0.7
const shearable = new Set(dropTable.shears)
const needsSupport = new Set(dropTable.needs_support_below)
const underWater = new Set(dropTable.under_water)

module.exports.server = function (serv) {
  const { registry } = serv
  serv.blockStateOf = createBlockStates(registry)

  // Items a broken block gives, for the held item (a prismarine Item or null).
  serv.blockDrops = (block, heldItem, random = Math.random) => {
    const items = serv.voyagerItems
    const heldName = heldItem ? registry.items[heldItem.type].name : null
    if (heldName === 'shears' && shearable.has(block.name) && registry.itemsByName[block.name]) return [items.make(block.name)]
    const tools = block.harvestTools
    if (tools && !(heldItem && tools[heldItem.type])) return []
    const rule = dropTable.blocks[block.name]
    if (rule === 'none') return []
    if (!rule) return registry.itemsByName[block.name] ? [items.make(block.name)] : []
    const drops = []
    const toolKind = heldName?.slice(heldName.lastIndexOf('_') + 1)
    for (const drop of rule) {
      if ((drop.if_tool && drop.if_tool !== toolKind) || (drop.unless_tool && drop.unless_tool === toolKind)) continue
      if (drop.chance !== undefined && random() >= drop.chance) {
        if (drop.otherwise) drops.push(items.make(drop.otherwise))
        continue
      }
      const [low, high] = drop.count ?? [1, 1]
      const count = low + Math.floor(random() * (high - low + 1))
      if (count > 0) drops.push(items.make(drop.item, count))
    }
    return drops
  }

  // Break a block as a survival player would, dropping its items.
  serv.breakBlock = async (world, position, { heldItem = null, drop = true, player = null } = {}) => {
    const block = await world.getBlock(position)
    if (block.type === 0) return
    block.position = position
    serv.emit('voyagerBlockBreaking', { world, position, block, player })
    await serv.setBlock(world, position, underWater.has(block.name) ? serv.blockStateOf('water') : 0)
    if (drop) {
      for (const item of serv.blockDrops(block, heldItem)) {
        serv.spawnItemEntity(world, position.offset(0.5, 0.25, 0.5), item)
      }
    }
    const above = await world.getBlock(position.offset(0, 1, 0))
    if (needsSupport.has(above.name)) await serv.breakBlock(world, position.offset(0, 1, 0), { drop, player })
  }

  serv.on('newPlayer', (player) => {
    player._client.removeAllListeners('block_dig')
    let digging = null

    player._client.on('block_dig', async ({ location, status, face, sequence }) => {
      try {
        if (status === 3 || status === 4) return dropHeld(status === 3)
        if (status === 5) return player.emit('releaseUseItem')
        if (status === 6) return swapHands()
        const position = new Vec3(location.x, location.y, location.z)
        if (status === 0) await startDigging(position, sequence)
        else if (status === 1) {
          digging = null
          acknowledge(sequence)
        } else if (status === 2) await finishDigging(position, sequence)
      } catch (err) {
        serv.voyagerLog.error(`block_dig: ${err.stack}`)
      }
    })

    function acknowledge (sequence) {
      player._client.write('acknowledge_player_digging', { sequenceId: sequence })
    }

    function held () {
      return player.inventory.slots[36 + player.heldItemSlot] ?? null
    }

    async function startDigging (position, sequence) {
      const block = await player.world.getBlock(position)
      if (player.gameMode === 1) {
        await serv.breakBlock(player.world, position, { drop: false, player })
        return acknowledge(sequence)
      }
      const item = held()
      const time = block.digTime(item ? item.type : null, false, false, false, [], {})
      if (time === 0 || (time < Infinity && time <= 50)) {
        await serv.breakBlock(player.world, position, { heldItem: item, player })
        serv.emit('voyagerBlockDug', player, block)
        return acknowledge(sequence)
      }
      digging = { position, started: Date.now(), expected: time, stateId: block.stateId }
      acknowledge(sequence)
    }

    async function finishDigging (position, sequence) {
      const block = await player.world.getBlock(position)
      const ok = digging && digging.position.equals(position) && block.stateId === digging.stateId &&
        Date.now() - digging.started >= digging.expected * DIG_TIME_TOLERANCE - 100
      digging = null
      if (!ok || player.gameMode >= 2) {
        player._client.write('block_change', { location: position, type: block.stateId })
        return acknowledge(sequence)
      }
      await serv.breakBlock(player.world, position, { heldItem: held(), player })
      serv.emit('voyagerBlockDug', player, block)
      acknowledge(sequence)
    }

    function dropHeld (wholeStack) {
      const slot = 36 + player.heldItemSlot
      const item = held()
      if (!item) return
      const n = wholeStack ? item.count : 1
      player.inventory.updateSlot(slot, serv.voyagerItems.copy(item, item.count - n))
      player.dropItem(serv.voyagerItems.copy(item, n))
    }

    function swapHands () {
      const slot = 36 + player.heldItemSlot
      const main = held()
      const offhand = player.inventory.slots[45] ?? null
      player.inventory.updateSlot(slot, offhand)
      player.inventory.updateSlot(45, main)
    }
  })
}

module.exports.FACES = FACES
