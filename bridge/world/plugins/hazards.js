// Drowning and lava, as vanilla 1.20.4: a player whose head is under water
// uses up 300 ticks of air (shown by the client's bubbles), then takes 2
// damage each second until it surfaces, when the air comes back 4 per tick.
// Lava hurts 4 every half second and sets the player on fire for 15 s
// (1 damage a second, put out by water).
'use strict'

const AIR_MAX = 300
const AIR_REFILL = 4
const DROWN_EVERY = 20
const DROWN_DAMAGE = 2
const LAVA_EVERY = 10
const LAVA_DAMAGE = 4
const FIRE_TICKS = 300
const AIR_METADATA_KEY = 1

module.exports.server = function (serv) {
  const { registry } = serv
  let ticks = 0

  const blockName = (player, position) => registry.blocksByStateId[player.world.sync.getBlockStateId(position.floored())]?.name

  function setAir (player, air) {
    if (air === player.air) return
    player.air = air
    player._client.write('entity_metadata', { entityId: player.id, metadata: [{ key: AIR_METADATA_KEY, type: 'int', value: air }] })
  }

  function breathe (player, headIn) {
    if (headIn !== 'water') return setAir(player, Math.min(AIR_MAX, player.air + AIR_REFILL))
    setAir(player, player.air - 1)
    if (player.air <= -DROWN_EVERY) {
      setAir(player, 0)
      player.hurt(DROWN_DAMAGE, 'drown')
    }
  }

  function burn (player, feetIn, headIn) {
    if (feetIn === 'lava' || headIn === 'lava') {
      player.fireTicks = FIRE_TICKS
      if (ticks % LAVA_EVERY === 0) player.hurt(LAVA_DAMAGE, 'lava')
      return
    }
    if (player.fireTicks <= 0) return
    if (feetIn === 'water' || headIn === 'water') player.fireTicks = 0
    else if (--player.fireTicks % 20 === 0) player.hurt(1, 'fire')
  }

  serv.on('newPlayer', (player) => {
    player.air = AIR_MAX
    player.fireTicks = 0
  })
  serv.on('playerRespawned', (player) => {
    player.fireTicks = 0
    setAir(player, AIR_MAX)
  })

  serv.on('tick', () => {
    ticks++
    for (const player of serv.players) {
      if (!player.hurt || player.health <= 0 || player.gameMode === 1 || player.gameMode === 3) continue
      const feetIn = blockName(player, player.position)
      const headIn = blockName(player, player.position.offset(0, 1.62, 0))
      breathe(player, headIn)
      burn(player, feetIn, headIn)
    }
  })
}
