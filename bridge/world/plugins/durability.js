// Tools, weapons and armour wear out as vanilla 1.20.4: digging a block and
// hitting a mob cost the held item points (data/durability.json), other rules
// (bows, rods, shears, shields, armour) call serv.wearItem, and an item whose
// damage reaches its maximum durability (minecraft-data) breaks: it leaves
// the slot and the client hears it break. Creative players wear nothing.
'use strict'

const wear = require('../data/durability.json')

module.exports.server = function (serv) {
  const { registry } = serv

  function costFor (table, name) {
    if (table[name] !== undefined) return table[name]
    const suffix = Object.keys(table).find((key) => key.startsWith('_') && name.endsWith(key))
    return suffix ? table[suffix] : 0
  }

  // Adds `amount` damage to the item in the inventory slot; returns true when it broke.
  serv.wearItem = (player, slot, amount = 1) => {
    const item = player.inventory.slots[slot]
    if (!item || amount <= 0 || player.gameMode === 1 || player.gameMode === 3) return false
    const max = registry.items[item.type].maxDurability
    if (!max) return false
    const worn = serv.voyagerItems.copy(item)
    worn.durabilityUsed = (item.durabilityUsed ?? 0) + amount
    if (worn.durabilityUsed < max) {
      player.inventory.updateSlot(slot, worn)
      return false
    }
    player.inventory.updateSlot(slot, null)
    const status = slot === 36 + player.heldItemSlot ? wear.break_status.main_hand : slot === 45 ? wear.break_status.off_hand : wear.break_status[slot]
    if (status !== undefined) {
      player._client.write('entity_status', { entityId: player.id, entityStatus: status })
      player._writeOthersNearby('entity_status', { entityId: player.id, entityStatus: status })
    }
    serv.emit('voyagerItemBroke', player, registry.items[item.type].name)
    return true
  }

  serv.wearHeldItem = (player, amount = 1) => serv.wearItem(player, 36 + player.heldItemSlot, amount)

  function heldName (player) {
    const item = player.inventory.slots[36 + player.heldItemSlot]
    return item ? registry.items[item.type].name : null
  }

  serv.on('voyagerBlockDug', (player, block) => {
    const name = heldName(player)
    if (!name) return
    const cost = costFor(wear.dig, name)
    const counts = name === 'shears' ? block.name !== 'fire' && block.name !== 'soul_fire' : block.hardness > 0
    if (cost && counts) serv.wearHeldItem(player, cost)
  })

  // only a hit on a living thing wears the weapon
  serv.on('voyagerPlayerAttack', (player, target) => {
    if (target.type !== 'mob' && target.type !== 'player') return
    const name = heldName(player)
    if (name) serv.wearHeldItem(player, costFor(wear.hit, name))
  })
}
