// Players keep their state across reconnects and server restarts: position,
// health, food, saturation, game mode, held slot and inventory, saved
// by name with the world (every save, and when the player leaves, after the
// cursor and crafting-grid items went back into the inventory as vanilla
// does on closing). A player who left dead comes back alive at the spawn.
'use strict'

const INVENTORY_SLOTS = { first: 1, last: 45 }

module.exports.server = function (serv) {
  const saved = serv.worldStore.section('players', {})

  function snapshot (player) {
    const items = serv.voyagerItems
    const inventory = {}
    for (let slot = INVENTORY_SLOTS.first; slot <= INVENTORY_SLOTS.last; slot++) {
      const item = player.inventory.slots[slot]
      if (item) inventory[slot] = items.toJSON(item)
    }
    return {
      position: [player.position.x, player.position.y, player.position.z],
      health: player.health,
      food: player.food,
      saturation: player.foodSaturation,
      exhaustion: player.exhaustion ?? 0,
      gameMode: player.gameMode,
      heldItemSlot: player.heldItemSlot,
      inventory
    }
  }

  function remember (player) {
    if (!player.username || !player.voyagerRestored) return
    saved[player.username] = snapshot(player)
    serv.worldStore.markDirty()
  }

  // Runs in the middle of flying-squid's login, after it set its defaults and
  // before it sends the position, the chunks, the inventory and the health.
  function restore (player, state) {
    const alive = state.health > 0
    if (alive) {
      // in place: flying-squid resends this very object at the end of login
      player.position.set(...state.position)
      player.health = state.health
      player.food = state.food
      player.foodSaturation = state.saturation
      player.exhaustion = state.exhaustion
    }
    player.heldItemSlot = state.heldItemSlot
    for (const [slot, json] of Object.entries(state.inventory)) {
      player.playerContainer.set(Number(slot), serv.voyagerItems.fromJSON(json))
    }
  }

  serv.on('newPlayer', (player) => {
    const state = saved[player._client.username]
    if (state) player.gameMode = state.gameMode
    const sendSpawnPosition = player.sendSpawnPosition
    player.sendSpawnPosition = () => {
      player.sendSpawnPosition = sendSpawnPosition
      if (state) restore(player, state)
      player.voyagerRestored = true
      sendSpawnPosition()
    }
    // one full copy once the client is in the world, whatever it made of the slots sent during login
    player.once('spawned', () => player.inventoryMenu.broadcastFullState())
    player.on('disconnected', () => {
      if (player.menu && player.menu !== player.inventoryMenu) player.closeMenu(false)
      player.inventoryMenu?.removed()
      remember(player)
    })
  })

  serv.on('voyagerSave', () => {
    for (const player of serv.players) remember(player)
  })
}
