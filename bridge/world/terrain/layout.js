// How a generated chunk is laid out in memory: one block state id per block,
// from y MIN_Y up, x fastest. Every terrain module indexes blocks this way.
'use strict'

const MIN_Y = -64
const HEIGHT = 384

function blockIndex (x, y, z) {
  return ((y - MIN_Y) * 16 + z) * 16 + x
}

// A position inside the chunk (chunkX, chunkZ), as its index, or -1 outside it.
function indexInChunk (chunkX, chunkZ, wx, y, wz) {
  const x = wx - chunkX * 16
  const z = wz - chunkZ * 16
  if (x < 0 || x > 15 || z < 0 || z > 15 || y < MIN_Y || y >= MIN_Y + HEIGHT) return -1
  return blockIndex(x, y, z)
}

module.exports = { MIN_Y, HEIGHT, blockIndex, indexInChunk }
