// Chunks stream to each player around where it stands now, nearest first,
// whatever moved it: walking, a teleport, a respawn.
//
// flying-squid (lib/plugins/login.js, world.js) loses teleports: its 'move'
// listener sees the position from before the move, so a teleport starts no
// stream (or one around the place the player left); it ignores moves while a
// stream runs, and a running stream sends the area where it started to the
// end; and the listener only exists once the client sent a 'flying' or 'look'
// packet, which mineflayer may never do. A mineflayer bot runs no physics in a
// chunk it lacks, so it sends no more moves and stands frozen.
// Here one loop per player sends the missing chunk nearest the player's
// chunk, one at a time, and starts over from there (unloading what fell out
// of view) whenever the player is in another chunk.
'use strict'

const PAUSE_MS = 5 // between two chunks, as flying-squid: the tick loop keeps its pace

module.exports.server = function (serv, settings) {
  const nearestFirst = new Map() // view distance -> [dx, dz] offsets, nearest first

  // the square flying-squid sends: 2 * view chunks a side, one more behind than ahead
  function offsets (view) {
    if (!nearestFirst.has(view)) {
      const square = []
      for (let dx = -view; dx < view; dx++) {
        for (let dz = -view; dz < view; dz++) square.push([dx, dz])
      }
      nearestFirst.set(view, square.sort((a, b) => a[0] ** 2 + a[1] ** 2 - b[0] ** 2 - b[1] ** 2))
    }
    return nearestFirst.get(view)
  }

  serv.on('newPlayer', (player) => {
    let started = false // login sends the first chunks itself, then asks for the rest
    let streaming = false
    let area = null // {x, z, view, world}: what the loaded chunks are centred on
    let next = 0 // the offsets of the area before this one are loaded

    const view = () => Math.min(player.view ?? Infinity, settings['view-distance'])
    const chunkX = () => Math.floor(player.position.x / 16)
    const chunkZ = () => Math.floor(player.position.z / 16)
    const moved = () => !area || area.x !== chunkX() || area.z !== chunkZ() || area.view !== view() || area.world !== player.world

    function recentre () {
      area = { x: chunkX(), z: chunkZ(), view: view(), world: player.world }
      next = 0
      player.lastPositionChunkUpdated = player.position
      for (const key of Object.keys(player.loadedChunks)) {
        const [x, z] = key.split(',').map(Number)
        if (Math.abs(x - area.x) > area.view || Math.abs(z - area.z) > area.view) player._unloadChunk(x, z)
      }
    }

    // the nearest chunk in view that the player lacks, marked as loaded, or null
    function claimNext () {
      if (player._client.ended) return null
      if (moved()) recentre()
      const square = offsets(area.view)
      for (; next < square.length; next++) {
        const x = area.x + square[next][0]
        const z = area.z + square[next][1]
        if (!player.loadedChunks[x + ',' + z] && serv._worldLoadPlayerChunk(x, z, player)) return { x, z, world: area.world }
      }
      return null
    }

    async function stream () {
      streaming = true
      try {
        for (let chunk = claimNext(); chunk; chunk = claimNext()) {
          const column = await chunk.world.getColumn(chunk.x, chunk.z)
          // while it was read the player may have gone out of its view, or left this world
          if (player.loadedChunks[chunk.x + ',' + chunk.z] && player.world === chunk.world) {
            await player.sendChunk(chunk.x, chunk.z, column)
          }
          await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
        }
      } catch (err) {
        serv.voyagerLog.error(`sending chunks to ${player.username}: ${err.stack ?? err}`)
      } finally {
        streaming = false
      }
    }

    function wake () {
      if (started && !streaming) stream()
    }

    // flying-squid calls this on login, respawn and world change (which unload
    // chunks first) and every 16 blocks a player walks: look again from the nearest.
    player.worldSendRestOfChunks = async () => {
      started = true
      area = null
      wake()
    }
    player.worldSendAllChunks = player.worldSendRestOfChunks
    player.on('move_done', () => { if (moved()) wake() })
    player._client.on('settings', () => { if (moved()) wake() })
    // flying-squid finishes a login (the rest of the chunks, its 'move' listener, the
    // login position sent again) on the client's first 'flying' or 'look' packet. That
    // may come after a teleport, which would send the player back to where it joined;
    // the chunks of the login are already written before, so finish at once.
    player.waitPlayerLogin = () => Promise.resolve()
  })
}
