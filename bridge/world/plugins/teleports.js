// Teleports as vanilla 1.20.4's server takes them: the moves a client sent
// before it saw a teleport are stale, and the server ignores every move from
// the moment it sends a 'position' packet until the client confirms it
// (teleport_confirm; vanilla's awaitingPositionFromClient). flying-squid took
// them: a bot that stood on a floor and was teleported 5 blocks up was back on
// the floor for a moment, and landed there, for the rules that follow moves.
'use strict'

module.exports.server = function (serv) {
  serv.on('newPlayer', (player) => {
    let unconfirmed = 0
    const sendSelfPosition = player.sendSelfPosition
    player.sendSelfPosition = (...args) => {
      unconfirmed++
      return sendSelfPosition(...args)
    }
    player._client.on('teleport_confirm', () => { unconfirmed = Math.max(0, unconfirmed - 1) })
    // cancel(false): dropped without a correction, as a correction is one more teleport
    player.on('move_cancel', (data, cancel) => {
      if (unconfirmed > 0 && !data.teleport) cancel(false)
    })
  })
}
