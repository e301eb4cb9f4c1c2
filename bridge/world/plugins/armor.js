// Armour as vanilla 1.20.4 (data/combat.json "armor"): the pieces worn in the
// head, chest, legs and feet slots add up their defense points and toughness,
// which lower the damage of every cause but those that bypass armour
// (falling, drowning, burning, starving, ...): damage x (1 - clamp(points -
// damage / (2 + toughness / 4), points / 5, 20) / 25). Each piece that
// takes part loses max(1, floor(damage / 4)) durability.
'use strict'

const combat = require('../data/combat.json')

const ARMOR_SLOTS = [5, 6, 7, 8]
const bypassed = new Set(combat.armor_bypassed_by)

module.exports.server = function (serv) {
  const { registry } = serv

  function worn (player) {
    const pieces = []
    for (const slot of ARMOR_SLOTS) {
      const item = player.inventory.slots[slot]
      const stats = item && combat.armor[registry.items[item.type].name]
      if (stats) pieces.push({ slot, points: stats[0], toughness: stats[1] })
    }
    return pieces
  }

  // the reduced damage for a given total of points and toughness
  serv.damageAfterArmor = (damage, points, toughness) => {
    const effective = Math.min(Math.max(points - damage / (2 + toughness / 4), points * 0.2), 20)
    return damage * (1 - effective / 25)
  }

  serv.damageReductions.push((player, amount, cause) => {
    if (bypassed.has(cause) || amount <= 0) return amount
    const pieces = worn(player)
    if (pieces.length === 0) return amount
    const points = pieces.reduce((sum, piece) => sum + piece.points, 0)
    const toughness = pieces.reduce((sum, piece) => sum + piece.toughness, 0)
    const wear = Math.max(1, Math.floor(amount / 4))
    for (const { slot } of pieces) serv.wearItem(player, slot, wear)
    return serv.damageAfterArmor(amount, points, toughness)
  })
}
