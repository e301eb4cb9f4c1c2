// Where each player looks, to the degree the client sent it (flying-squid
// keeps only 1/256 turns): player.lookVector() is the unit vector of the
// view, player.eyePosition() where the eyes are, as vanilla computes them.
'use strict'

const { Vec3 } = require('vec3')

const EYE_HEIGHT = 1.62
const SNEAK_EYE_HEIGHT = 1.27

module.exports.server = function (serv) {
  serv.on('newPlayer', (player) => {
    let yaw = 0
    let pitch = 0
    const remember = (packet) => {
      if (Number.isFinite(packet.yaw)) yaw = packet.yaw
      if (Number.isFinite(packet.pitch)) pitch = packet.pitch
    }
    player._client.on('look', remember)
    player._client.on('position_look', remember)

    player.lookAngles = () => ({ yaw, pitch })
    player.lookVector = () => {
      const y = yaw * Math.PI / 180
      const p = pitch * Math.PI / 180
      return new Vec3(-Math.sin(y) * Math.cos(p), -Math.sin(p), Math.cos(y) * Math.cos(p))
    }
    player.eyePosition = () => player.position.offset(0, player.crouching ? SNEAK_EYE_HEIGHT : EYE_HEIGHT, 0)
  })
}
