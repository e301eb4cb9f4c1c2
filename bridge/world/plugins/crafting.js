// The crafting table: right-click opens a 3x3 crafting menu whose result
// follows minecraft-data's recipes (shaped, mirrored, shapeless); leftovers
// in the grid go back to the inventory when the menu closes. (The 2x2 grid
// of the inventory lives in windows.js.)
'use strict'

const { Slot, MENU_TYPES } = require('../lib/menu')

module.exports.server = function (serv) {
  serv.once('pluginsReady', () => {
    serv.onBlockInteraction('crafting_table', ({ player }) => {
      if (player.crouching && player.inventory.slots[36 + player.heldItemSlot]) return false
      openCraftingTable(player)
      return true
    })
  })

  function openCraftingTable (player) {
    const items = serv.voyagerItems
    const gridItems = new Array(9).fill(null)
    let result = null
    let menu = null
    const grid = {
      get: (i) => gridItems[i],
      set: (i, item) => {
        gridItems[i] = item
        recompute()
      }
    }
    const resultContainer = { get: () => result, set: (i, item) => { result = item } }
    function recompute () {
      const match = serv.voyagerRecipes.match(gridItems.map((item) => item?.type ?? null), 3)
      result = match ? new items.Item(match.id, match.count) : null
      if (menu && player.menu === menu) menu.sendSlot(0)
    }
    const slots = [serv.createCraftingResultSlot(resultContainer, grid, 3)]
    for (let i = 0; i < 9; i++) slots.push(new Slot(grid, i))
    slots.push(...player.playerInventorySlots())
    menu = player.openMenu({
      type: MENU_TYPES.crafting,
      title: 'Crafting',
      slots,
      isResultSlot: (i) => i === 0,
      quickMove (menu, index, stack) {
        if (index === 0) return menu.moveItemStackTo(stack, 10, 46, true)
        if (index >= 10 && index < 46) {
          if (menu.moveItemStackTo(stack, 1, 10, false)) return true
          return index < 37 ? menu.moveItemStackTo(stack, 37, 46, false) : menu.moveItemStackTo(stack, 10, 37, false)
        }
        return menu.moveItemStackTo(stack, 10, 46, false)
      },
      onRemoved () {
        for (let i = 0; i < 9; i++) {
          if (gridItems[i]) player.giveItem(gridItems[i])
          gridItems[i] = null
        }
        result = null
      }
    })
  }
}
