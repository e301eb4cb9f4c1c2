// Seeded random numbers for the world's rules: each rule draws from its own
// stream, a pure function of the world seed and the rule's name, so that one
// rule's draws do not shift another's and a seed replays the same outcomes
// for the same sequence of events.
'use strict'

const { hash, Random } = require('../terrain/noise')

function nameHash (name) {
  let h = 0
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0
  return h
}

// A Random (terrain/noise.js: next, int, range, chance, pick, count) for `name`.
function ruleRandom (seed, name) {
  const random = new Random(hash(Number(seed) | 0, nameHash(name), 0x5eed))
  // a standard normal draw, and vanilla's RandomSource.triangle
  random.gaussian = () => {
    const u = Math.max(random.next(), 1e-12)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next())
  }
  random.triangle = (mode, deviation) => mode + deviation * (random.next() - random.next())
  return random
}

module.exports = { ruleRandom }
