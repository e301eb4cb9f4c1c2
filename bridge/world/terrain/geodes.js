// Amethyst geodes, as vanilla 1.20.4's "amethyst_geode" (data/terrain.json
// "geodes"): three or four points a few blocks from the origin; a block's
// closeness to them (the sum of 1 / sqrt(distance^2 + offset)) puts it in the
// hollow (air), the amethyst layer (some of it budding amethyst), calcite or
// the smooth basalt shell. One budding block in three carries a bud or a
// cluster on its first free side. A geode spans a few chunks; every chunk it
// touches regenerates it from its source chunk and keeps its part.
'use strict'

const { hash, chunkRandom } = require('./noise')
const { indexInChunk } = require('./layout')

// vanilla's order for the first free side of a budding block
const DIRECTIONS = [['down', 0, -1, 0], ['up', 0, 1, 0], ['north', 0, 0, -1], ['south', 0, 0, 1], ['west', -1, 0, 0], ['east', 1, 0, 0]]
const REACH = 9 // beyond this from every point nothing is part of the geode

function createGeodes ({ seed, rules, states, stateOf }) {
  const cache = new Map()
  const shellState = { inner: states.amethyst_block, calcite: stateOf('calcite'), smooth_basalt: stateOf('smooth_basalt') }
  const budStates = rules.buds.map((name) => Object.fromEntries(DIRECTIONS.map(([facing]) => [facing, stateOf(name, { facing, waterlogged: false })])))
  const budding = stateOf('budding_amethyst')

  // a number in [0, 1) for a block and a purpose
  function unit (x, y, z, salt) {
    return hash((seed ^ Math.imul(salt, 0x9e3779b9)) | 0, x, y, z) / 4294967296
  }

  // The geode that starts in chunk (sx, sz), or null.
  function geodeFrom (sx, sz) {
    const key = sx + ',' + sz
    if (cache.has(key)) return cache.get(key)
    let geode = null
    const rng = chunkRandom(seed, sx, sz, 'geode')
    if (rng.chance(1 / rules.rarity)) {
      const origin = [sx * 16 + rng.int(0, 15), rng.int(rules.min_y, rules.max_y), sz * 16 + rng.int(0, 15)]
      const wall = rng.int(rules.wall_distance[0], rules.wall_distance[1])
      const points = []
      const count = rng.int(rules.points[0], rules.points[1])
      for (let p = 0; p < count; p++) {
        const offset = [0, 1, 2].map((axis) => origin[axis] + rng.int(rules.wall_distance[0], rules.wall_distance[1]))
        points.push({ at: offset, offset: rng.int(rules.point_offset[0], rules.point_offset[1]) })
      }
      const extra = wall / rules.wall_distance[1]
      const shell = (layer) => 1 / Math.sqrt(rules.layers[layer] + extra)
      const low = [0, 1, 2].map((axis) => Math.min(...points.map((p) => p.at[axis])) - REACH)
      const high = [0, 1, 2].map((axis) => Math.max(...points.map((p) => p.at[axis])) + REACH)
      geode = { points, low, high, filling: 1 / Math.sqrt(rules.layers.filling), inner: shell('inner'), middle: shell('middle'), outer: shell('outer') }
    }
    if (cache.size > 1024) cache.clear()
    cache.set(key, geode)
    return geode
  }

  // 'air', 'inner', 'calcite', 'smooth_basalt' or null (outside) for a block.
  function layerAt (geode, x, y, z) {
    let closeness = (unit(x, y, z, 7) * 2 - 1) * rules.noise
    for (const { at, offset } of geode.points) {
      const dx = x - at[0]
      const dy = y - at[1]
      const dz = z - at[2]
      closeness += 1 / Math.sqrt(dx * dx + dy * dy + dz * dz + offset)
    }
    if (closeness < geode.outer) return null
    if (closeness >= geode.filling) return 'air'
    if (closeness >= geode.inner) return 'inner'
    if (closeness >= geode.middle) return 'calcite'
    return 'smooth_basalt'
  }

  const isBudding = (x, y, z) => unit(x, y, z, 11) < rules.budding_chance
  // The bud a budding block carries: [side, bud kind] or null.
  function budOf (geode, x, y, z) {
    if (unit(x, y, z, 13) >= rules.bud_chance) return null
    for (const [facing, dx, dy, dz] of DIRECTIONS) {
      if (layerAt(geode, x + dx, y + dy, z + dz) === 'air') return [facing, Math.floor(unit(x, y, z, 17) * budStates.length)]
    }
    return null
  }

  function place (blocks, chunkX, chunkZ) {
    for (let sz = chunkZ - 1; sz <= chunkZ + 1; sz++) {
      for (let sx = chunkX - 1; sx <= chunkX + 1; sx++) {
        const geode = geodeFrom(sx, sz)
        if (geode) carve(blocks, chunkX, chunkZ, geode)
      }
    }
  }

  function carve (blocks, chunkX, chunkZ, geode) {
    const x0 = Math.max(geode.low[0], chunkX * 16)
    const x1 = Math.min(geode.high[0], chunkX * 16 + 15)
    const z0 = Math.max(geode.low[2], chunkZ * 16)
    const z1 = Math.min(geode.high[2], chunkZ * 16 + 15)
    for (let x = x0; x <= x1; x++) {
      for (let z = z0; z <= z1; z++) {
        for (let y = geode.low[1]; y <= geode.high[1]; y++) {
          const layer = layerAt(geode, x, y, z)
          if (layer === null) continue
          const i = indexInChunk(chunkX, chunkZ, x, y, z)
          if (i < 0 || blocks[i] === states.bedrock) continue
          if (layer === 'air') blocks[i] = budOnto(geode, x, y, z) ?? states.air
          else if (layer === 'inner' && isBudding(x, y, z)) blocks[i] = budding
          else blocks[i] = shellState[layer]
        }
      }
    }
  }

  // The bud that grows into hollow block (x, y, z) from a budding neighbour, or null.
  function budOnto (geode, x, y, z) {
    for (const [facing, dx, dy, dz] of DIRECTIONS) {
      const bx = x - dx
      const by = y - dy
      const bz = z - dz
      if (layerAt(geode, bx, by, bz) !== 'inner' || !isBudding(bx, by, bz)) continue
      const bud = budOf(geode, bx, by, bz)
      if (bud && bud[0] === facing) return budStates[bud[1]][facing]
    }
    return null
  }

  return { place }
}

module.exports = { createGeodes }
