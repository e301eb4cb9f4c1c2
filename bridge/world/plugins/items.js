// Item entities: dropped stacks keep their count, show as items to the client
// (metadata, so mineflayer sees itemDrop), merge with nearby equal stacks, are
// picked up whole or in part when there is room, burn up in lava and fire
// (netherite survives, as vanilla), and vanish after 5 minutes.
'use strict'

const { Vec3 } = require('vec3')
const { ruleRandom } = require('../lib/random')

const DESPAWN_TICKS = 6000
const DEFAULT_PICKUP_DELAY = 10
// Vanilla picks up an item whose box (0.25 wide) touches the player's box
// (0.6 wide, 1.8 high) grown by 1 sideways and 0.5 up and down.
const PICKUP_REACH = 1.425
const PICKUP_BELOW = -0.75
const PICKUP_ABOVE = 2.3
const ITEM_METADATA_KEY = 8
const BURNS_IN = new Set(['lava', 'fire', 'soul_fire'])
const FIRE_PROOF = /^netherite_|^ancient_debris$/

module.exports.server = function (serv) {
  const { registry } = serv
  const itemEntityType = registry.entitiesByName.item.id
  const live = new Set()
  const scatter = ruleRandom(serv.voyagerSeed, 'item scatter')

  // item: a prismarine Item with its count
  serv.spawnItemEntity = (world, position, item, { velocity, pickupDelayTicks = DEFAULT_PICKUP_DELAY } = {}) => {
    const items = serv.voyagerItems
    velocity = velocity ?? new Vec3(scatter.range(-1, 1), 2, scatter.range(-1, 1))
    const entity = serv.spawnObject(itemEntityType, world, position.clone(), { velocity, itemId: item.type, itemCount: item.count })
    entity.item = items.copy(item)
    entity.ageTicks = 0
    entity.pickupDelayTicks = pickupDelayTicks
    entity.setVoyagerMetadata([{ key: ITEM_METADATA_KEY, type: 'item_stack', value: items.toNotch(entity.item) }])
    live.add(entity)
    return entity
  }

  function updateCount (entity) {
    entity.itemCount = entity.item.count
    entity.setVoyagerMetadata([{ key: ITEM_METADATA_KEY, type: 'item_stack', value: serv.voyagerItems.toNotch(entity.item) }])
  }

  function remove (entity) {
    live.delete(entity)
    serv.destroyEntity(entity)
  }

  function tryPickup (entity) {
    for (const player of serv.players) {
      if (player.world !== entity.world || player.health <= 0 || player.gameMode === 3) continue
      const d = entity.position.minus(player.position)
      if (Math.abs(d.x) >= PICKUP_REACH || Math.abs(d.z) >= PICKUP_REACH || d.y <= PICKUP_BELOW || d.y >= PICKUP_ABOVE) continue
      const before = entity.item.count
      const left = player.addToInventory(entity.item)
      const taken = before - (left ? left.count : 0)
      if (taken === 0) continue
      const collect = { collectedEntityId: entity.id, collectorEntityId: player.id, pickupItemCount: taken }
      player._client.write('collect', collect)
      player._writeOthersNearby('collect', collect)
      serv.emit('itemPickedUp', player, serv.voyagerItems.copy(entity.item, taken))
      if (!left) return remove(entity)
      entity.item = left
      updateCount(entity)
    }
  }

  function burns (entity) {
    const block = registry.blocksByStateId[entity.world.sync.getBlockStateId(entity.position.floored())]
    return BURNS_IN.has(block?.name) && !FIRE_PROOF.test(registry.items[entity.item.type].name)
  }

  function tryMerge (entity) {
    for (const other of live) {
      if (other === entity || other.world !== entity.world || other.destroyed) continue
      if (!serv.voyagerItems.sameItem(other.item, entity.item)) continue
      if (other.position.distanceTo(entity.position) > 0.75) continue
      const max = serv.voyagerItems.maxStack(entity.item)
      if (entity.item.count + other.item.count > max) continue
      entity.item.count += other.item.count
      updateCount(entity)
      remove(other)
    }
  }

  serv.on('tick', () => {
    for (const entity of live) {
      if (entity.destroyed) { live.delete(entity); continue }
      entity.ageTicks++
      if (entity.ageTicks >= DESPAWN_TICKS || burns(entity)) { remove(entity); continue }
      if (entity.ageTicks % 10 === 0) tryMerge(entity)
      if (entity.ageTicks >= entity.pickupDelayTicks) tryPickup(entity)
    }
  })
}
