// Bows as vanilla 1.20.4 (data/combat.json "bow"): using a bow
// (bot.activateItem) with an arrow in the inventory draws it; releasing
// (bot.deactivateItem) shoots an arrow where the player looks, as fast as the
// draw was long (full power after 20 ticks: 3 blocks a tick, a critical
// arrow; under a tenth of power nothing happens). The shot uses up one arrow
// (none in creative) and one point of the bow's durability; the arrow can be
// picked up again where it lands.
'use strict'

const { bow: rules } = require('../data/combat.json')
const { ruleRandom } = require('../lib/random')

module.exports.server = function (serv) {
  const { registry } = serv
  const random = ruleRandom(serv.voyagerSeed, 'bows')
  let ticks = 0

  const nameIn = (player, slot) => {
    const item = player.inventory.slots[slot]
    return item ? registry.items[item.type].name : null
  }

  // vanilla Player.getProjectile: the off-hand, the main hand, then the inventory
  function arrowSlot (player) {
    const order = [45, 36 + player.heldItemSlot]
    for (let slot = 9; slot <= 44; slot++) order.push(slot)
    return order.find((slot) => nameIn(player, slot) === 'arrow') ?? null
  }

  // vanilla BowItem.getPowerForTime
  function power (drawTicks) {
    const f = drawTicks / rules.full_draw_ticks
    return Math.min(1, (f * f + f * 2) / 3)
  }

  serv.on('newPlayer', (player) => {
    let drawing = null

    player._client.on('use_item', ({ hand }) => {
      const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
      if (nameIn(player, slot) !== 'bow') return
      if (player.gameMode !== 1 && arrowSlot(player) === null) return
      drawing = { slot, since: ticks }
    })
    player._client.on('held_item_slot', () => { drawing = null })
    player.on('releaseUseItem', () => {
      if (!drawing) return
      const { slot, since } = drawing
      drawing = null
      if (nameIn(player, slot) === 'bow' && player.health > 0) release(player, slot, ticks - since)
    })
  })

  function release (player, bowSlot, drawTicks) {
    const strength = power(drawTicks)
    if (strength < rules.min_power) return
    const ammo = arrowSlot(player)
    if (ammo === null && player.gameMode !== 1) return
    const spread = () => random.triangle(0, 0.0172275 * rules.inaccuracy)
    const look = player.lookVector()
    const velocity = look.offset(spread(), spread(), spread()).scaled(strength * rules.speed)
    serv.shootArrow({
      shooter: player,
      world: player.world,
      from: player.eyePosition().offset(0, -0.1, 0),
      velocity,
      critical: strength === 1,
      pickup: player.gameMode !== 1
    })
    serv.playSound('entity.arrow.shoot', player.world, player.position, { soundCategory: 'player' })
    if (player.gameMode !== 1) {
      const arrow = player.inventory.slots[ammo]
      player.inventory.updateSlot(ammo, serv.voyagerItems.copy(arrow, arrow.count - 1))
    }
    serv.wearItem(player, bowSlot, 1)
    serv.emit('playerShotArrow', player, strength)
  }

  serv.on('tick', () => { ticks++ })
}
