// Milk as vanilla 1.20.4: an empty bucket used on an adult cow becomes a
// milk bucket (one of a stack of buckets: the milk goes to the inventory), and
// drinking it (using it for 32 ticks, whatever the hunger bar) clears the
// player's effects and leaves the empty bucket.
'use strict'

const DRINK_TICKS = 32
// entity status 9: "finished using the item", which mineflayer's consume() waits for
const FINISHED_USING_STATUS = 9

module.exports.server = function (serv) {
  const { registry } = serv
  const items = () => serv.voyagerItems

  serv.onEntityInteraction(({ player, entity, slot, item, itemName }) => {
    if (entity.name !== 'cow' || itemName !== 'bucket' || entity.state.age < 0) return false
    serv.playSound('entity.cow.milk', entity.world, entity.position, { soundCategory: 'player' })
    fill(player, slot, item, 'milk_bucket')
    return true
  })

  // vanilla ItemUtils.createFilledResult
  function fill (player, slot, item, filled) {
    if (player.gameMode === 1) return player.giveItem(items().make(filled))
    if (item.count === 1) return player.inventory.updateSlot(slot, items().make(filled))
    player.inventory.updateSlot(slot, items().copy(item, item.count - 1))
    player.giveItem(items().make(filled))
  }

  serv.on('newPlayer', (player) => {
    let drinking = null

    player._client.on('use_item', ({ hand }) => {
      const slot = hand === 1 ? 45 : 36 + player.heldItemSlot
      const item = player.inventory.slots[slot]
      if (item && registry.items[item.type].name === 'milk_bucket') drinking = { slot, ticks: 0 }
    })
    player.on('releaseUseItem', () => { drinking = null })
    player._client.on('held_item_slot', () => { drinking = null })

    player.milkTick = () => {
      if (!drinking || ++drinking.ticks < DRINK_TICKS) return
      const { slot } = drinking
      drinking = null
      const item = player.inventory.slots[slot]
      if (!item || registry.items[item.type].name !== 'milk_bucket' || player.health <= 0) return
      for (const [id, effect] of Object.entries(player.effects ?? {})) if (effect) player.removeEffect(Number(id))
      if (player.gameMode !== 1) player.inventory.updateSlot(slot, items().make('bucket'))
      player._client.write('entity_status', { entityId: player.id, entityStatus: FINISHED_USING_STATUS })
      serv.emit('playerDrank', player, 'milk_bucket')
    }
  })

  serv.on('tick', () => {
    for (const player of serv.players) player.milkTick?.()
  })
}
