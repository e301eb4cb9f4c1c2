// Direct inventory writes (set_creative_slot) are a creative-mode privilege,
// as in vanilla: from a player in any other game mode the packet changes
// nothing, and the client gets the server's inventory back. (flying-squid
// accepts them from anyone, which would let a client make items from
// nothing.)
'use strict'

const CREATIVE = 1

module.exports.server = function (serv) {
  serv.on('newPlayer', (player) => {
    const client = player._client
    const accept = client.listeners('set_creative_slot')
    client.removeAllListeners('set_creative_slot')
    client.on('set_creative_slot', (packet) => {
      if (player.gameMode === CREATIVE) {
        for (const listener of accept) listener(packet)
        return
      }
      serv.voyagerLog.info(`refused a creative slot write from ${player.username} (game mode ${player.gameMode})`)
      player.inventoryMenu?.broadcastFullState()
    })
  })
}
