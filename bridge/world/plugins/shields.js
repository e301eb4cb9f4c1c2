// Shields as vanilla 1.20.4 (data/combat.json "shield"): using a shield
// (bot.activateItem with it in the main hand, or in the off-hand when the main
// hand holds nothing usable, as the vanilla client falls through to it)
// raises it; 5 ticks later it blocks all the damage of a hit, an arrow or a
// blast that comes from in front of the player, and wears by 1 + floor(damage)
// for damage of 3 or more. Releasing the use (bot.deactivateItem) or changing
// the held item lowers it.
'use strict'

const { Vec3 } = require('vec3')
const { shield: rules } = require('../data/combat.json')

const SHIELD_BLOCK_STATUS = 29
const bypassed = new Set(rules.bypassed_by)

module.exports.server = function (serv) {
  const { registry } = serv
  let ticks = 0

  const nameIn = (player, slot) => {
    const item = player.inventory.slots[slot]
    return item ? registry.items[item.type].name : null
  }

  // items whose use does something of its own, so that the off-hand is not tried
  function usable (name) {
    if (!name) return false
    return !!registry.foodsByName?.[name] || ['bow', 'crossbow', 'trident', 'fishing_rod', 'shield', 'milk_bucket', 'potion', 'spyglass', 'goat_horn'].includes(name) ||
      name.endsWith('_bucket') || name === 'bucket' || name.endsWith('_boat') || name.endsWith('_raft') || name === 'ender_pearl' || name === 'egg' || name === 'snowball'
  }

  serv.on('newPlayer', (player) => {
    player.shield = null

    player._client.on('use_item', ({ hand }) => {
      const main = 36 + player.heldItemSlot
      if (hand === 0 && nameIn(player, main) === 'shield') player.shield = { slot: main, since: ticks }
      else if (nameIn(player, 45) === 'shield' && (hand === 1 || !usable(nameIn(player, main)))) player.shield = { slot: 45, since: ticks }
    })
    player.on('releaseUseItem', () => { player.shield = null })
    player._client.on('held_item_slot', () => { player.shield = null })
  })

  function blocking (player) {
    const shield = player.shield
    if (!shield || nameIn(player, shield.slot) !== 'shield') return false
    return ticks - shield.since >= rules.raise_ticks
  }

  // vanilla LivingEntity.isDamageSourceBlocked: the source is in front of the view, seen from above
  function inFront (player, position) {
    const yaw = player.lookAngles().yaw * Math.PI / 180
    const view = new Vec3(-Math.sin(yaw), 0, Math.cos(yaw))
    const fromSource = new Vec3(player.position.x - position.x, 0, player.position.z - position.z)
    if (fromSource.norm() === 0) return false
    return fromSource.normalize().dot(view) < 0
  }

  serv.damageReductions.push((player, amount, cause, source) => {
    if (amount <= 0 || bypassed.has(cause) || !source?.position || !blocking(player)) return amount
    if (!inFront(player, source.position)) return amount
    if (amount >= rules.wear_from) serv.wearItem(player, player.shield.slot, 1 + Math.floor(amount))
    player._client.write('entity_status', { entityId: player.id, entityStatus: SHIELD_BLOCK_STATUS })
    player._writeOthersNearby('entity_status', { entityId: player.id, entityStatus: SHIELD_BLOCK_STATUS })
    serv.emit('playerBlockedWithShield', player, amount, cause)
    return 0
  })

  serv.on('tick', () => { ticks++ })
}
