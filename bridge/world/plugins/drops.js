// Digging and what blocks drop: tool tiers (a block with harvest tools in
// minecraft-data drops nothing without one), vanilla drop chances and counts
// (data/block-drops.json), digging no faster than the held tool allows,
// plants falling with the block under them, and the Q / F keys (status 3, 4, 6).
//
// A dig is judged as vanilla's ServerPlayerGameMode judges it: the client says
// when it started and when it finished; a finish that comes after 70% of the
// time the held tool needs breaks the block at once, an earlier one breaks it
// as soon as that time is reached ("delayed destroy"). A dig is never undone
// for coming early: a server that stalls for a moment while the start packet
// waits would otherwise see a fast tool's dig as too fast and put the block back.
'use strict'

const { Vec3 } = require('vec3')
const dropTable = require('../data/block-drops.json')
const { createBlockStates } = require('../lib/blocks')
const { ruleRandom } = require('../lib/random')

const FACES = [new Vec3(0, -1, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), new Vec3(0, 0, 1), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)]
// vanilla breaks a block whose dig the client finished at 70% of the time it takes
const DIG_DONE_AT = 0.7
const shearable = new Set(dropTable.shears)
const needsSupport = new Set(dropTable.needs_support_below)
const underWater = new Set(dropTable.under_water)

module.exports.server = function (serv) {
  const { registry } = serv
  serv.blockStateOf = createBlockStates(registry)
  const dropRandom = ruleRandom(serv.voyagerSeed, 'block drops')

  // Items a broken block gives, for the held item (a prismarine Item or null).
  serv.blockDrops = (block, heldItem, random = () => dropRandom.next()) => {
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
    const properties = block.getProperties?.() ?? {}
    for (const drop of rule) {
      if ((drop.if_tool && drop.if_tool !== toolKind) || (drop.unless_tool && drop.unless_tool === toolKind)) continue
      const applies = !drop.if || Object.entries(drop.if).every(([name, value]) => String(properties[name]) === String(value))
      if (!applies || (drop.chance !== undefined && random() >= drop.chance)) {
        if (drop.otherwise) drops.push(items.make(drop.otherwise))
        continue
      }
      const [low, high] = drop.count ?? [1, 1]
      let count = low + Math.floor(random() * (high - low + 1))
      if (drop.binomial) count += binomial(drop.binomial[0], drop.binomial[1], random)
      if (drop.binomial_by_age) count += binomial(drop.binomial_by_age[0], (Number(properties.age) + 1) / drop.binomial_by_age[1], random)
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
    let delayed = null

    player._client.on('block_dig', async ({ location, status, face, sequence }) => {
      try {
        if (status === 3 || status === 4) return dropHeld(status === 3)
        if (status === 5) return player.emit('releaseUseItem')
        if (status === 6) return swapHands()
        const position = new Vec3(location.x, location.y, location.z)
        const now = Date.now()
        if (status === 0) await startDigging(position, sequence, now, held())
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

    // Milliseconds the held item takes on this block, standing on the ground
    // out of water: the client may be slower (jumping, swimming), never faster.
    function digMillis (block, item) {
      return block.digTime(item ? item.type : null, false, false, false, item?.enchants ?? [], {})
    }

    // now, item: when the packet came and what the player held then
    async function startDigging (position, sequence, now, item) {
      const block = await player.world.getBlock(position)
      if (player.gameMode === 1) {
        await serv.breakBlock(player.world, position, { drop: false, player })
        return acknowledge(sequence)
      }
      const time = digMillis(block, item)
      if (time <= 50) {
        await dig(position, block)
        return acknowledge(sequence)
      }
      digging = { position, started: now, expected: time, stateId: block.stateId }
      acknowledge(sequence)
    }

    async function finishDigging (position, sequence) {
      const block = await player.world.getBlock(position)
      const ok = digging && digging.position.equals(position) && block.stateId === digging.stateId && player.gameMode < 2
      const dug = digging
      digging = null
      acknowledge(sequence)
      if (!ok) return player._client.write('block_change', { location: position, type: block.stateId })
      if (dugLongEnough(dug)) await dig(position, block)
      else delayed = dug
    }

    function dugLongEnough ({ started, expected }) {
      return Date.now() - started >= expected * DIG_DONE_AT
    }

    async function dig (position, block) {
      await serv.breakBlock(player.world, position, { heldItem: held(), player })
      serv.emit('voyagerBlockDug', player, block)
    }

    player.finishDelayedDig = async () => {
      if (!delayed || !dugLongEnough(delayed)) return
      const { position, stateId } = delayed
      delayed = null
      const block = await player.world.getBlock(position)
      if (block.stateId === stateId) await dig(position, block)
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

  serv.on('tick', () => {
    for (const player of serv.players) {
      player.finishDelayedDig?.().catch((err) => serv.voyagerLog.error(`delayed dig: ${err.stack}`))
    }
  })
}

function binomial (n, p, random) {
  let k = 0
  for (let i = 0; i < n; i++) if (random() < p) k++
  return k
}

module.exports.FACES = FACES
