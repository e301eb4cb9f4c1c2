// Entities the way a 1.20.4 client reads them: spawning any mob or animal by
// name (flying-squid only knows entities typed "mob"), metadata in the
// 1.20.2+ shape, and entity_destroy when an entity goes away (and nothing
// about it after that).
'use strict'

const { Vec3 } = require('vec3')
const UUID = require('uuid-1345')

module.exports.server = function (serv) {
  const { registry } = serv

  serv.once('pluginsReady', () => {
    serv.destroyEntity = (entity) => {
      if (entity.destroyed) return
      entity.destroyed = true
      // tell everyone who may have seen it, not only the players near it now (once: a
      // second entity_destroy makes mineflayer report the entity gone twice)
      for (const player of serv.players) {
        if (player.world === entity.world) player._client.write('entity_destroy', { entityIds: [entity.id] })
      }
      delete serv.entities[entity.id]
    }

    // name: a minecraft-data entity name; metadata: [{ key, type, value }] in 1.20.4 types
    serv.spawnMob = (name, world, position, { velocity = new Vec3(0, 0, 0), yaw = 0, metadata = [], health } = {}) => {
      const def = typeof name === 'number' ? registry.entities[name] : registry.entitiesByName[name]
      if (!def) throw new Error(`unknown entity ${JSON.stringify(name)}`)
      const mob = serv.initEntity('mob', def.id, world, position.clone())
      mob.uuid = UUID.v4()
      mob.name = def.name
      mob.kind = def.type
      mob.velocity = velocity
      mob.yaw = yaw
      mob.pitch = 0
      mob.headPitch = 0
      mob.gravity = new Vec3(0, -20, 0)
      mob.terminalvelocity = new Vec3(27, 27, 27)
      mob.friction = new Vec3(15, 0, 15)
      mob.size = new Vec3(def.width, def.height, def.width)
      mob.health = health ?? 10
      mob.metadata = metadata
      mob.updateAndSpawn()
      return mob
    }
  })

  serv.on('newPlayer', (player) => {
    const spawnEntity = player.spawnEntity
    player.spawnEntity = (entity) => {
      spawnEntity(entity)
      if (entity.voyagerMetadata?.length) {
        player._client.write('entity_metadata', { entityId: entity.id, metadata: entity.voyagerMetadata })
      }
    }
  })

  serv.on('newEntity', (entity) => {
    // flying-squid's physics may finish a step for an entity that has just
    // gone; a position sent after entity_destroy makes mineflayer bring it back
    const sendPosition = entity.sendPosition
    if (sendPosition) entity.sendPosition = (...args) => (entity.destroyed ? Promise.resolve() : sendPosition(...args))
    // metadata entries here carry 1.20.4 type names ('item_stack', 'float', 'byte')
    entity.setVoyagerMetadata = (entries) => {
      const byKey = new Map((entity.voyagerMetadata ?? []).map((e) => [e.key, e]))
      for (const entry of entries) byKey.set(entry.key, entry)
      entity.voyagerMetadata = [...byKey.values()]
      entity._writeOthersNearby('entity_metadata', { entityId: entity.id, metadata: entries })
    }
  })
}
