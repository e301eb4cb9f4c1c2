// Sand, gravel and the other falling blocks (data/falling-blocks.json), as
// vanilla 1.20.4: a block update that finds nothing solid under one schedules
// its fall a couple of ticks later; it then leaves its place and falls as a
// falling_block entity (which mineflayer sees, with the block's state) and
// becomes a block again on the first solid block under it. A column falls
// one block after the other, each freed by the one below it leaving.
'use strict'

const { Vec3 } = require('vec3')
const UUID = require('uuid-1345')
const rules = require('../data/falling-blocks.json')

module.exports.server = function (serv) {
  const { registry } = serv
  const replaceable = new Set(rules.replaceable.map((name) => registry.blocksByName[name].id))
  const entityType = registry.entitiesByName.falling_block.id
  const falling = new Set()

  const isFree = async (world, position) => replaceable.has((await world.getBlock(position)).type)

  async function onUpdate (world, block, fromTick, tick, data) {
    if (!(await isFree(world, block.position.offset(0, -1, 0)))) return false
    if (!data?.fall) {
      serv.updateBlock(world, block.position, tick, tick + rules.delay_ticks, false, { fall: true })
      return false
    }
    await startFalling(world, block)
    return false
  }

  async function startFalling (world, block) {
    const position = block.position.clone()
    await serv.setBlock(world, position, 0)
    const entity = serv.initEntity('object', entityType, world, position.offset(0.5, 0, 0.5))
    entity.name = 'falling_block'
    entity.uuid = UUID.v4()
    entity.data = block.stateId // the spawn packet's object data: the block the client draws
    entity.velocity = new Vec3(0, 0, 0)
    entity.yaw = 0
    entity.pitch = 0
    entity.metadata = []
    entity.fallSpeed = 0
    entity.updateAndSpawn()
    falling.add(entity)
  }

  // One tick of fall; the entity lands on the first solid block it would pass.
  async function fall (entity) {
    entity.fallSpeed = (entity.fallSpeed - rules.gravity) * rules.drag
    const from = entity.position
    const to = from.offset(0, entity.fallSpeed, 0)
    for (let y = Math.floor(from.y) - 1; y >= Math.floor(to.y); y--) {
      const below = new Vec3(Math.floor(from.x), y, Math.floor(from.z))
      if (await isFree(entity.world, below)) continue
      return land(entity, below.offset(0, 1, 0))
    }
    if (to.y < rules.lost_below_y) return remove(entity)
    await entity.sendPosition(to, false)
  }

  // the block first, then the entity goes: the client never sees a gap
  async function land (entity, cell) {
    falling.delete(entity)
    await entity.sendPosition(cell.offset(0.5, 0, 0.5), true)
    await serv.setBlock(entity.world, cell, entity.data)
    serv.destroyEntity(entity)
  }

  function remove (entity) {
    falling.delete(entity)
    serv.destroyEntity(entity)
  }

  serv.once('pluginsReady', () => {
    for (const name of rules.blocks) serv.onBlockUpdate(name, onUpdate)
  })

  let busy = false
  serv.on('tick', async () => {
    if (busy || falling.size === 0) return
    busy = true
    try {
      for (const entity of [...falling]) await fall(entity)
    } catch (err) {
      serv.voyagerLog.error(`falling blocks: ${err.stack}`)
    } finally {
      busy = false
    }
  })
}
