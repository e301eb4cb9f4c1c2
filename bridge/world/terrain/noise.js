// Seeded value noise and random numbers for the terrain: pure functions of
// (seed, coordinates), so every chunk can be generated alone, in any order,
// and comes out the same.
'use strict'

function hash (seed, a, b = 0, c = 0) {
  let h = (seed ^ Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1) ^ Math.imul(c, 0x1b873593)) | 0
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

// A value in [-1, 1] per lattice point.
function lattice (seed, x, z) {
  return hash(seed, x, z) / 0x7fffffff - 1
}

function smooth (t) {
  return t * t * t * (t * (t * 6 - 15) + 10)
}

function valueNoise2 (seed, x, z) {
  const x0 = Math.floor(x)
  const z0 = Math.floor(z)
  const tx = smooth(x - x0)
  const tz = smooth(z - z0)
  const a = lattice(seed, x0, z0)
  const b = lattice(seed, x0 + 1, z0)
  const c = lattice(seed, x0, z0 + 1)
  const d = lattice(seed, x0 + 1, z0 + 1)
  const top = a + (b - a) * tx
  const bottom = c + (d - c) * tx
  return top + (bottom - top) * tz
}

// Sum of octaves, each twice as fine and half as strong; result in about [-1, 1].
function fractal2 (seed, x, z, scale, octaves) {
  let sum = 0
  let amplitude = 1
  let norm = 0
  let frequency = 1 / scale
  for (let i = 0; i < octaves; i++) {
    sum += valueNoise2(seed + i * 7919, x * frequency, z * frequency) * amplitude
    norm += amplitude
    amplitude *= 0.5
    frequency *= 2
  }
  return sum / norm
}

// A small fast generator (mulberry32) for per-chunk decisions.
class Random {
  constructor (seed) { this.state = seed >>> 0 }
  next () {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int (low, high) { return low + Math.floor(this.next() * (high - low + 1)) }
  range (low, high) { return low + this.next() * (high - low) }
  chance (p) { return this.next() < p }
  pick (weights) {
    const entries = Object.entries(weights)
    let total = 0
    for (const [, w] of entries) total += w
    let r = this.next() * total
    for (const [name, w] of entries) {
      r -= w
      if (r < 0) return name
    }
    return entries[entries.length - 1][0]
  }

  // A count with a fractional part: 2.3 gives 2, or 3 with probability 0.3.
  count (mean) {
    const whole = Math.floor(mean)
    return whole + (this.next() < mean - whole ? 1 : 0)
  }
}

const SALTS = Object.fromEntries(['cave', 'ore', 'tree', 'plant', 'bedrock', 'deepslate', 'floor', 'mobs', 'lava_lake',
  'surface_lava_lake', 'geode', 'bamboo', 'patch', 'water_plant', 'deep_cave'].map((name, i) => [name, i + 1]))

function chunkRandom (seed, chunkX, chunkZ, salt) {
  if (!(salt in SALTS)) throw new Error(`no salt named ${salt}`)
  return new Random(hash(seed, chunkX, chunkZ, SALTS[salt]))
}

module.exports = { hash, valueNoise2, fractal2, Random, chunkRandom }
