// The world spawn (terrain/spawn-point.js), found once per world and the
// same for a given seed.
'use strict'

const { Vec3 } = require('vec3')
const { createLandscape } = require('../terrain/landscape')
const { findSpawnPoint } = require('../terrain/spawn-point')
const terrain = require('../data/terrain.json')

module.exports.server = function (serv) {
  serv.once('pluginsReady', () => {
    const landscape = createLandscape(serv.voyagerSeed, terrain)
    const blockNameAt = async (x, y, z) => (await serv.overworld.getBlock(new Vec3(x, y, z))).name
    const spawn = findSpawnPoint(landscape, blockNameAt).then((p) => new Vec3(p.x, p.y, p.z))
    spawn.then((point) => serv.voyagerLog.info(`world spawn at ${point}`))
    spawn.catch((err) => serv.voyagerLog.error(`seed ${serv.voyagerSeed}: ${err.message}`))
    serv.getSpawnPoint = async () => (await spawn).clone()
  })
}
