// The world spawn (terrain/spawn-point.js), found once per world and the
// same for a given seed, and open ground near any column for the admin channel.
'use strict'

const { Vec3 } = require('vec3')
const { createLandscape } = require('../terrain/landscape')
const { findSpawnPoint, findOpenGround } = require('../terrain/spawn-point')
const { animalNear } = require('../terrain/animals')
const terrain = require('../data/terrain.json')
const mobs = require('../data/mobs.json')

const OPEN_GROUND_RADIUS = 64

module.exports.server = function (serv) {
  serv.once('pluginsReady', () => {
    const landscape = createLandscape(serv.voyagerSeed, terrain)
    const blockAt = (x, y, z) => serv.overworld.getBlock(new Vec3(x, y, z))
    const animals = (x, z, radius) => animalNear(serv.voyagerSeed, landscape, mobs.chunk_spawns, blockAt, x, z, radius)
    const spawn = findSpawnPoint(landscape, blockAt, animals).then((p) => new Vec3(p.x, p.y, p.z))
    spawn.then((point) => serv.voyagerLog.info(`world spawn at ${point}`))
    spawn.catch((err) => serv.voyagerLog.error(`seed ${serv.voyagerSeed}: ${err.message}`))
    serv.getSpawnPoint = async () => (await spawn).clone()
    serv.findOpenGround = async (x, z) => {
      const found = await findOpenGround(landscape, blockAt, x, z, OPEN_GROUND_RADIUS)
      if (!found) throw new Error(`no open dry ground within ${OPEN_GROUND_RADIUS} blocks of (${x}, ${z})`)
      return new Vec3(found.x, found.y, found.z)
    }
  })
}
