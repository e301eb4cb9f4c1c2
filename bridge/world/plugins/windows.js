// Inventory and windows, server-authoritative: every window_click mode, the
// 2x2 crafting grid, armor and off-hand slots, state ids and resync, and the
// helpers other rules use to give, drop and open menus. Replaces
// flying-squid's inventory handling, which trusts nothing the 1.17+ client
// sends and so desyncs on the first click.
'use strict'

const { Vec3 } = require('vec3')
const { Menu, Slot, playerInventorySlots } = require('../lib/menu')
const { createItems } = require('../lib/items')
const { createRecipeBook } = require('../lib/recipes')

const ARMOR_SLOTS = { 5: '_helmet', 6: '_chestplate', 7: '_leggings', 8: '_boots' }
const HEAD_ITEMS = new Set(['carved_pumpkin', 'turtle_helmet', 'skeleton_skull', 'zombie_head', 'creeper_head', 'player_head', 'wither_skeleton_skull', 'dragon_head', 'piglin_head'])
const EQUIPMENT_OF_SLOT = { 5: 5, 6: 4, 7: 3, 8: 2, 45: 1 }

module.exports.server = function (serv) {
  const items = createItems(serv.registry)
  const recipes = createRecipeBook(serv.registry)
  serv.voyagerItems = items
  serv.voyagerRecipes = recipes
  serv.createCraftingResultSlot = createCraftingResultSlot

  function armorTarget (item) {
    const name = serv.registry.items[item.type].name
    for (const [slot, suffix] of Object.entries(ARMOR_SLOTS)) {
      if (name.endsWith(suffix) || (slot === '5' && HEAD_ITEMS.has(name)) || (slot === '6' && name === 'elytra')) return Number(slot)
    }
    return null
  }

  // The result slot of a crafting grid (inventory 2x2 or table 3x3):
  // taking the result uses up one of each ingredient.
  function createCraftingResultSlot (resultContainer, grid, size) {
    return new Slot(resultContainer, 0, {
      mayPlace: () => false,
      takesWhole: true,
      onTake: () => {
        for (let i = 0; i < size * size; i++) {
          const item = grid.get(i)
          if (!item) continue
          const name = serv.registry.items[item.type].name
          const remainder = name.endsWith('_bucket') ? 'bucket' : null
          grid.set(i, item.count > 1 ? items.copy(item, item.count - 1) : (remainder ? items.make(remainder) : null))
        }
      }
    })
  }

  serv.on('newPlayer', (player) => {
    for (const name of ['window_click', 'close_window']) player._client.removeAllListeners(name)
    player.inventory.removeAllListeners('updateSlot')

    const inventory = player.inventory
    const playerContainer = {
      get: (i) => inventory.slots[i] ?? null,
      set: (i, item) => {
        inventory.updateSlot(i, item)
        if (i >= 1 && i <= 4) recomputeInventoryResult()
      }
    }
    const inventoryGrid = { get: (i) => playerContainer.get(1 + i), set: (i, item) => playerContainer.set(1 + i, item) }
    const inventoryResult = { get: () => inventory.slots[0] ?? null, set: (i, item) => inventory.updateSlot(0, item) }

    const inventorySlots = []
    inventorySlots.push(createCraftingResultSlot(inventoryResult, inventoryGrid, 2))
    for (let i = 1; i <= 4; i++) inventorySlots.push(new Slot(playerContainer, i))
    for (let i = 5; i <= 8; i++) {
      inventorySlots.push(new Slot(playerContainer, i, { maxStack: 1, mayPlace: (item) => armorTarget(item) === i }))
    }
    for (let i = 9; i <= 45; i++) inventorySlots.push(new Slot(playerContainer, i))

    const inventoryMenu = new Menu({
      player,
      items,
      id: 0,
      type: 'inventory',
      slots: inventorySlots,
      isResultSlot: (i) => i === 0,
      quickMove: quickMoveInInventory,
      onRemoved: () => {
        for (let i = 1; i <= 4; i++) {
          const item = inventory.slots[i]
          if (item) {
            inventory.updateSlot(i, null)
            player.giveItem(item)
          }
        }
        recomputeInventoryResult()
      }
    })

    function quickMoveInInventory (menu, index, stack) {
      const armor = armorTarget(stack)
      if (index === 0) return menu.moveItemStackTo(stack, 9, 45, true)
      if (index >= 1 && index < 9) return menu.moveItemStackTo(stack, 9, 45, false)
      if (armor !== null && !inventory.slots[armor]) return menu.moveItemStackTo(stack, armor, armor + 1, false)
      if (serv.registry.items[stack.type].name === 'shield' && !inventory.slots[45]) return menu.moveItemStackTo(stack, 45, 46, false)
      if (index >= 9 && index < 36) return menu.moveItemStackTo(stack, 36, 45, false)
      if (index >= 36 && index < 45) return menu.moveItemStackTo(stack, 9, 36, false)
      return menu.moveItemStackTo(stack, 9, 45, false)
    }

    function recomputeInventoryResult () {
      const grid = [1, 2, 3, 4].map((i) => inventory.slots[i]?.type ?? null)
      const result = recipes.match(grid, 2)
      inventory.updateSlot(0, result ? new items.Item(result.id, result.count) : null)
      if (player.menu === inventoryMenu) inventoryMenu.sendSlot(0)
    }

    player.inventoryMenu = inventoryMenu
    player.menu = inventoryMenu
    player.playerContainer = playerContainer
    player.playerInventorySlots = () => playerInventorySlots(playerContainer)
    let nextWindowId = 0

    // spec: { type (menu type id), title, slots, quickMove, onRemoved, isResultSlot, onOpen }
    player.openMenu = (spec) => {
      if (player.menu !== inventoryMenu) player.closeMenu()
      nextWindowId = (nextWindowId % 100) + 1
      const menu = new Menu({ player, items, id: nextWindowId, ...spec })
      menu.blockPosition = spec.blockPosition
      player.menu = menu
      player._client.write('open_window', { windowId: menu.id, inventoryType: spec.type, windowTitle: serv._createNetworkEncodedChatComponent(spec.title) })
      menu.broadcastFullState()
      spec.onOpen?.(menu)
      return menu
    }

    // Closed by the server (the block went away) or by the client.
    player.closeMenu = (tellClient = true) => {
      const menu = player.menu
      if (menu === inventoryMenu) {
        inventoryMenu.removed()
        return
      }
      if (tellClient) player._client.write('close_window', { windowId: menu.id })
      menu.removed()
      player.menu = inventoryMenu
      // what the client shows of the shared slots is what the closed menu showed
      const offset = menu.slots.length - 36
      for (let i = 0; i < 36; i++) inventoryMenu.remote[9 + i] = menu.remote[offset + i]
      inventoryMenu.broadcastChanges()
    }

    const debug = process.env.VOYAGER_WORLD_DEBUG?.includes('windows')
    player._client.on('window_click', (click) => {
      if (debug) serv.voyagerLog.info(`click ${JSON.stringify({ ...click, changedSlots: click.changedSlots.map((c) => [c.location, c.item.itemCount]), cursorItem: click.cursorItem.itemCount })} menu ${player.menu.id} state ${player.menu.stateId}`)
      if (click.windowId !== player.menu.id) return
      try {
        player.menu.handleClick(click)
        if (debug) serv.voyagerLog.info(`  -> ${player.menu.slots.map((s, i) => s.item ? i + ':' + s.item.count : '').filter(Boolean).join(' ')} carried ${player.menu.carried?.count ?? 0}`)
      } catch (err) {
        serv.voyagerLog.error(`window_click ${JSON.stringify(click)}: ${err.stack}`)
        player.menu.broadcastFullState()
      }
    })
    player._client.on('close_window', ({ windowId }) => {
      if (windowId === player.menu.id) player.closeMenu(false)
    })

    // Changes made outside a click reach the client at once, before whatever
    // packet follows them (a placed block after its item left the hand, the
    // end of eating); a click sends its own corrections when it is done.
    inventory.on('updateSlot', (slot) => {
      if (EQUIPMENT_OF_SLOT[slot] !== undefined || slot === 36 + player.heldItemSlot) sendEquipment(player)
      if (!player.menu.clicking) player.menu.broadcastChanges()
    })
    player._client.on('held_item_slot', () => sendEquipment(player))

    // Vanilla Inventory.add: stacks with room first (hotbar, then main), then empty slots.
    player.giveItem = (item) => {
      const left = player.addToInventory(item)
      if (left) player.dropItem(left)
    }
    player.addToInventory = (item) => {
      if (!item) return null
      let count = item.count
      const max = items.maxStack(item)
      const order = [36 + player.heldItemSlot, 45]
      for (let i = 36; i <= 44; i++) order.push(i)
      for (let i = 9; i <= 35; i++) order.push(i)
      for (const i of order) {
        const existing = inventory.slots[i]
        if (count > 0 && existing && items.sameItem(existing, item) && existing.count < max) {
          const n = Math.min(count, max - existing.count)
          existing.count += n
          count -= n
          inventory.updateSlot(i, existing)
        }
      }
      for (const i of order.slice(2)) {
        if (count > 0 && !inventory.slots[i]) {
          const n = Math.min(count, max)
          inventory.updateSlot(i, items.copy(item, n))
          count -= n
        }
      }
      return count > 0 ? items.copy(item, count) : null
    }

    // An item thrown from the player's eyes where it looks, as vanilla's
    // Player.drop throws it (0.3 blocks a tick, a little up).
    player.dropItem = (item) => {
      if (!item || item.count <= 0) return
      const toRadians = Math.PI / 180
      const yaw = (player.look?.yaw ?? player.yaw * 360 / 256) * toRadians
      const pitch = (player.look?.pitch ?? player.pitch * 360 / 256) * toRadians
      const velocity = new Vec3(-Math.sin(yaw) * Math.cos(pitch), -Math.sin(pitch) + 1 / 3, Math.cos(yaw) * Math.cos(pitch))
      serv.spawnItemEntity(player.world, player.position.offset(0, 1.32, 0), item, {
        velocity: velocity.scaled(6),
        pickupDelayTicks: 40
      })
    }
  })

  function sendEquipment (player) {
    const slots = { 0: 36 + player.heldItemSlot, 1: 45, 2: 8, 3: 7, 4: 6, 5: 5 }
    player._writeOthersNearby('entity_equipment', {
      entityId: player.id,
      equipments: Object.entries(slots).map(([slot, index]) => ({ slot: Number(slot), item: items.toNotch(player.inventory.slots[index]) }))
    })
  }

  serv.on('tick', () => {
    for (const player of serv.players) player.menu?.broadcastChanges()
  })
}
