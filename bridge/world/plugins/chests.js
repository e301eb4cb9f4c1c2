// Chests, single and double: a chest placed beside a single chest facing the
// same way joins it (as vanilla's placement rule), opening shows 27 or 54
// slots, contents survive closing, reopening and restarts, and a broken
// chest drops what it held.
'use strict'

const { Vec3 } = require('vec3')
const { Slot, MENU_TYPES } = require('../lib/menu')

const CLOCKWISE = { north: 'east', east: 'south', south: 'west', west: 'north' }
const COUNTER_CLOCKWISE = { north: 'west', west: 'south', south: 'east', east: 'north' }
const OFFSET = { north: new Vec3(0, 0, -1), south: new Vec3(0, 0, 1), west: new Vec3(-1, 0, 0), east: new Vec3(1, 0, 0) }

module.exports.server = function (serv) {
  const saved = serv.worldStore.section('chests')
  const chests = new Map()
  const key = (p) => `${p.x},${p.y},${p.z}`

  function contentsAt (position) {
    const k = key(position)
    if (!chests.has(k)) {
      const items = saved[k] ? saved[k].map(serv.voyagerItems.fromJSON) : new Array(27).fill(null)
      chests.set(k, { items, viewers: new Set() })
    }
    return chests.get(k)
  }

  // The other half of a double chest, or null.
  async function partnerOf (world, position, block) {
    const { type, facing } = block.getProperties()
    if (type === 'single') return null
    const side = type === 'left' ? CLOCKWISE[facing] : COUNTER_CLOCKWISE[facing]
    const other = position.plus(OFFSET[side])
    const otherBlock = await world.getBlock(other)
    return otherBlock.name === 'chest' ? other : null
  }

  async function openChest (player, position, block) {
    const above = await player.world.getBlock(position.offset(0, 1, 0))
    if (above.boundingBox === 'block' && !above.transparent) return
    const partner = await partnerOf(player.world, position, block)
    // the right-hand half holds the top rows
    const halves = partner ? (block.getProperties().type === 'right' ? [position, partner] : [partner, position]) : [position]
    const parts = halves.map(contentsAt)
    const slots = []
    for (const part of parts) {
      const container = { get: (i) => part.items[i], set: (i, item) => { part.items[i] = item } }
      for (let i = 0; i < 27; i++) slots.push(new Slot(container, i))
    }
    const size = slots.length
    slots.push(...player.playerInventorySlots())
    const menu = player.openMenu({
      type: partner ? MENU_TYPES.generic_9x6 : MENU_TYPES.generic_9x3,
      title: partner ? 'Large Chest' : 'Chest',
      slots,
      blockPosition: position,
      quickMove: (menu, index, stack) => index < size
        ? menu.moveItemStackTo(stack, size, menu.slots.length, true)
        : menu.moveItemStackTo(stack, 0, size, false),
      onRemoved: (menu) => { for (const part of parts) part.viewers.delete(menu) }
    })
    for (const part of parts) part.viewers.add(menu)
  }

  serv.once('pluginsReady', () => {
    serv.onBlockInteraction('chest', ({ player, block }) => {
      if (player.crouching && player.inventory.slots[36 + player.heldItemSlot]) return false
      openChest(player, block.position, block).catch((err) => serv.voyagerLog.error(`chest: ${err.stack}`))
      return true
    })

    serv.onItemPlace('chest', ({ player, placedPosition, properties }) => {
      const facing = properties.facing
      let type = 'single'
      for (const [side, myType, partnerType] of [[CLOCKWISE[facing], 'left', 'right'], [COUNTER_CLOCKWISE[facing], 'right', 'left']]) {
        const other = placedPosition.plus(OFFSET[side])
        const otherBlock = player.world.sync?.getBlock?.(other)
        if (!otherBlock || otherBlock.name !== 'chest') continue
        const props = otherBlock.getProperties()
        if (props.type !== 'single' || props.facing !== facing || player.crouching) continue
        type = myType
        serv.setBlock(player.world, other, serv.blockStateOf('chest', { ...props, type: partnerType }))
        break
      }
      const block = serv.registry.blocksByName.chest
      return { id: block.id, data: serv.blockStateOf('chest', { facing, type, waterlogged: false }) - block.minStateId }
    }, false)
  })

  serv.on('voyagerBlockBreaking', async ({ world, position, block }) => {
    if (block.name !== 'chest') return
    const part = contentsAt(position)
    for (const menu of part.viewers) menu.player.closeMenu()
    for (const item of part.items) {
      if (item) serv.spawnItemEntity(world, position.offset(0.5, 0.5, 0.5), item)
    }
    chests.delete(key(position))
    delete saved[key(position)]
    const partner = await partnerOf(world, position, block)
    if (partner) {
      const props = (await world.getBlock(partner)).getProperties()
      await serv.setBlock(world, partner, serv.blockStateOf('chest', { ...props, type: 'single' }))
    }
  })

  serv.on('voyagerSave', () => {
    for (const [k, chest] of chests) {
      if (chest.items.some((item) => item)) saved[k] = chest.items.map(serv.voyagerItems.toJSON)
      else delete saved[k]
    }
    serv.worldStore.markDirty()
  })
}
