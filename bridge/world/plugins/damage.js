// Player damage, death and respawn: fall damage (one per block fallen beyond
// 3, rounded up, as vanilla, counted from the highest point, where a teleport
// that put the player in the air counts; a teleport, water, ladders, vines and
// cobwebs end a fall), a 'playerLanded' event with the distance fallen (farmland is
// trampled by it), player.hurt() for the other rules, death that drops the
// inventory unless keepInventory is on, and a respawn in the 1.20.4 packet
// shape (at the bed spawn point if set, else the world spawn) with a fresh
// health and food bar. Damage passes the reductions other rules add to
// serv.damageReductions, in the order they were added (vanilla's: a raised
// shield, then armour).
'use strict'

const SAFE_FALL = 3
// a drop of exactly 3 blocks may measure a hair more
const FALL_EPSILON = 0.01
// blocks in which a fall ends without damage
const BREAKS_FALL = new Set(['water', 'lava', 'ladder', 'vine', 'scaffolding', 'cobweb', 'bubble_column', 'kelp', 'kelp_plant', 'seagrass', 'tall_seagrass', 'twisting_vines', 'weeping_vines'])
// damage that costs no food (vanilla's damage types with no exhaustion)
const NO_EXHAUSTION = new Set(['starve', 'drown'])

module.exports.server = function (serv) {
  // each (player, amount, cause, source) => the amount left
  serv.damageReductions = []

  serv.on('newPlayer', (player) => {
    let fallStartY = null

    // cause: 'attack', a mob's name, 'arrow', 'explosion', 'fall', 'lava', ...;
    // source: { position, entity } of what dealt it, when something did
    player.hurt = (amount, cause = 'generic', source = null) => {
      if (player.gameMode === 1 || player.gameMode === 3 || player.health <= 0) return
      for (const reduce of serv.damageReductions) amount = reduce(player, amount, cause, source)
      if (amount <= 0) return
      player.updateHealth(Math.max(0, player.health - amount))
      if (!NO_EXHAUSTION.has(cause)) player.addExhaustion?.(0.1)
      player._client.write('entity_status', { entityId: player.id, entityStatus: 2 })
      player._writeOthersNearby('entity_status', { entityId: player.id, entityStatus: 2 })
      if (player.health <= 0) die(cause)
    }

    // flying-squid's attacks and /kill go through takeDamage
    player.takeDamage = ({ damage = 1 }) => player.hurt(damage, 'attack')

    function die (cause) {
      serv.voyagerLog.info(`${player.username} died (${cause})`)
      player.deathCause = cause
      if (player.menu && player.menu !== player.inventoryMenu) player.closeMenu()
      if (!serv.gamerules?.keepInventory) {
        for (let slot = 0; slot < player.inventory.slots.length; slot++) {
          const item = player.inventory.slots[slot]
          if (!item) continue
          player.inventory.updateSlot(slot, null)
          if (slot > 0) serv.spawnItemEntity(player.world, player.position.offset(0, 0.5, 0), item)
        }
      }
      player._writeOthersNearby('entity_status', { entityId: player.id, entityStatus: 3 })
      serv.emit('playerDied', player, cause)
    }

    // Each move as the client sent it: moves that came in together all end
    // before the first move_done, when player.position is already the last one.
    player.on('move_done', ({ position, onGround, teleport }, cancelled) => {
      if (cancelled) return
      // as vanilla, a teleport ends a fall and starts the next one where it put
      // the player: /tp down a shaft is no drop, /tp into the air is one
      if (teleport) {
        fallStartY = onGround ? null : position.y
        return
      }
      if (player.health <= 0 || player.gameMode !== 0) return
      const y = position.y
      if (BREAKS_FALL.has(blockNameAt(position))) {
        fallStartY = null
        return
      }
      if (!onGround) {
        if (fallStartY === null || y > fallStartY) fallStartY = y
        return
      }
      if (fallStartY !== null) {
        const fallen = fallStartY - y
        fallStartY = null
        serv.emit('playerLanded', player, fallen)
        const damage = Math.ceil(fallen - SAFE_FALL - FALL_EPSILON)
        if (damage > 0) player.hurt(damage, 'fall')
      }
    })

    function blockNameAt (position) {
      return serv.registry.blocksByStateId[player.world.sync.getBlockStateId(position.floored())]?.name
    }

    player._client.removeAllListeners('client_command')
    player._client.on('client_command', ({ actionId }) => {
      if (actionId !== 0 || player.health > 0) return
      respawn().catch((err) => serv.voyagerLog.error(`respawn: ${err.stack}`))
    })

    async function respawn () {
      const spawn = player.bedSpawn ?? await serv.getSpawnPoint(player.world)
      player._client.write('respawn', {
        dimension: 'minecraft:overworld',
        worldName: 'minecraft:overworld',
        hashedSeed: serv.hashedSeed,
        gamemode: player.gameMode,
        previousGamemode: 255,
        isDebug: false,
        isFlat: false,
        portalCooldown: 0,
        copyMetadata: false
      })
      player.health = 20
      player.food = 20
      player.foodSaturation = 5
      player.exhaustion = 0
      fallStartY = null
      player.position = spawn.clone()
      player._unloadAllChunks()
      player.sendSelfPosition(spawn.clone())
      await player.worldSendInitialChunks()
      player.updateHealth(20)
      player.inventoryMenu.broadcastFullState()
      player.nearbyEntities = []
      player.updateAndSpawn()
      player.worldSendRestOfChunks()
      serv.emit('playerRespawned', player)
    }
  })
}
