// Lava lakes, as vanilla 1.20.4's lake feature ("lake_lava_underground" and
// "lake_lava_surface", data/terrain.json "lava_lakes"): a blob of four to
// seven ellipsoids in a 16 x 8 x 16 box, lava in its lower half and air in its
// upper half, lined with stone where the lava meets solid ground. A lake
// starts in one chunk and reaches into the next ones in +x and +z; every
// chunk it touches regenerates it from its source chunk and keeps its part.
'use strict'

const { hash, chunkRandom } = require('./noise')
const { indexInChunk } = require('./layout')

const BOX = 16
const BOX_HEIGHT = 8
const FLUID_BELOW = 4 // box levels under this hold lava, the ones above air

function maskIndex (l, m, n) {
  return (l * BOX + m) * BOX_HEIGHT + n
}

// The ellipsoids, as vanilla draws them: levels 1..6 of the box, columns 1..14.
function lakeMask (rng) {
  const mask = new Uint8Array(BOX * BOX * BOX_HEIGHT)
  const blobs = rng.int(4, 7)
  for (let j = 0; j < blobs; j++) {
    const sx = rng.range(3, 9)
    const sy = rng.range(2, 6)
    const sz = rng.range(3, 9)
    const cx = rng.next() * (BOX - sx - 2) + 1 + sx / 2
    const cy = rng.next() * (BOX_HEIGHT - sy - 4) + 2 + sy / 2
    const cz = rng.next() * (BOX - sz - 2) + 1 + sz / 2
    for (let l = 1; l < BOX - 1; l++) {
      for (let m = 1; m < BOX - 1; m++) {
        for (let n = 1; n < BOX_HEIGHT - 1; n++) {
          const dx = (l - cx) / (sx / 2)
          const dy = (n - cy) / (sy / 2)
          const dz = (m - cz) / (sz / 2)
          if (dx * dx + dy * dy + dz * dz < 1) mask[maskIndex(l, m, n)] = 1
        }
      }
    }
  }
  return mask
}

function isEdge (mask, l, m, n) {
  if (mask[maskIndex(l, m, n)]) return false
  return (l < BOX - 1 && mask[maskIndex(l + 1, m, n)]) || (l > 0 && mask[maskIndex(l - 1, m, n)]) ||
    (m < BOX - 1 && mask[maskIndex(l, m + 1, n)]) || (m > 0 && mask[maskIndex(l, m - 1, n)]) ||
    (n < BOX_HEIGHT - 1 && mask[maskIndex(l, m, n + 1)]) || (n > 0 && mask[maskIndex(l, m, n - 1)])
}

function createLavaLakes ({ seed, rules, landscape, states }) {
  const cache = new Map()

  // The lakes that start in chunk (sx, sz): [{ x, y, z (the box's low corner), mask, surface }].
  function lakesFrom (sx, sz) {
    const key = sx + ',' + sz
    if (cache.has(key)) return cache.get(key)
    const lakes = []
    const underground = chunkRandom(seed, sx, sz, 'lava_lake')
    if (underground.chance(1 / rules.underground.rarity)) {
      const x = sx * 16 + underground.int(0, 15)
      const z = sz * 16 + underground.int(0, 15)
      const y = underground.int(rules.underground.min_y, rules.underground.max_y)
      const mask = lakeMask(underground)
      if (y <= landscape.column(x, z).height - rules.underground.below_surface) lakes.push({ x, y: y - FLUID_BELOW, z, mask, surface: false })
    }
    const surface = chunkRandom(seed, sx, sz, 'surface_lava_lake')
    if (surface.chance(1 / rules.surface.rarity)) {
      const x = sx * 16 + surface.int(0, 15)
      const z = sz * 16 + surface.int(0, 15)
      const ground = landscape.column(x, z).height
      const mask = lakeMask(surface)
      if (enclosedOnLand(x, z, ground, mask)) lakes.push({ x, y: ground + 1 - FLUID_BELOW, z, mask, surface: true })
    }
    if (cache.size > 1024) cache.clear()
    cache.set(key, lakes)
    return lakes
  }

  // Vanilla drops a lake whose lava would touch air or water at its sides:
  // on land, every column of the box must be dry and no lower than the ground at its origin.
  function enclosedOnLand (x, z, ground, mask) {
    for (let l = 0; l < BOX; l++) {
      for (let m = 0; m < BOX; m++) {
        let used = false
        for (let n = 0; n < BOX_HEIGHT && !used; n++) used = mask[maskIndex(l, m, n)] === 1 || isEdge(mask, l, m, n)
        if (!used) continue
        const column = landscape.column(x + l, z + m)
        if (column.water !== null || column.height < ground) return false
      }
    }
    return true
  }

  function place (blocks, chunkX, chunkZ) {
    for (let sz = chunkZ - 1; sz <= chunkZ; sz++) {
      for (let sx = chunkX - 1; sx <= chunkX; sx++) {
        for (const lake of lakesFrom(sx, sz)) carve(blocks, chunkX, chunkZ, lake)
      }
    }
  }

  function carve (blocks, chunkX, chunkZ, { x, y, z, mask }) {
    for (let l = 0; l < BOX; l++) {
      for (let m = 0; m < BOX; m++) {
        for (let n = 0; n < BOX_HEIGHT; n++) {
          const i = indexInChunk(chunkX, chunkZ, x + l, y + n, z + m)
          if (i < 0 || blocks[i] === states.bedrock) continue
          if (mask[maskIndex(l, m, n)]) {
            blocks[i] = n < FLUID_BELOW ? states.lava : states.air
          } else if (isEdge(mask, l, m, n) && (n < FLUID_BELOW || hash(seed, x + l, y + n, z + m) & 1) && states.solid(blocks[i])) {
            blocks[i] = states.stone
          }
        }
      }
    }
  }

  // Whether column (x, z) holds part of a surface lake (no tree grows there).
  function surfaceLakeAt (x, z) {
    for (let sz = Math.floor(z / 16) - 1; sz <= Math.floor(z / 16); sz++) {
      for (let sx = Math.floor(x / 16) - 1; sx <= Math.floor(x / 16); sx++) {
        for (const lake of lakesFrom(sx, sz)) {
          const l = x - lake.x
          const m = z - lake.z
          if (!lake.surface || l < 0 || l >= BOX || m < 0 || m >= BOX) continue
          for (let n = 0; n < BOX_HEIGHT; n++) if (lake.mask[maskIndex(l, m, n)]) return true
        }
      }
    }
    return false
  }

  return { place, surfaceLakeAt }
}

module.exports = { createLavaLakes }
