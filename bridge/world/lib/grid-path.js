// A* on the block grid for walking mobs: a cell is where the mob's feet are;
// it needs a solid block below and two free blocks (feet and head). Moves go
// to the four neighbours, one block up (a jump), up a wall of at most `climb`
// blocks (spiders), or up to three down (a drop). Bounded by a node budget,
// so a target out of reach costs little.
'use strict'

const NEIGHBOURS = [[1, 0], [-1, 0], [0, 1], [0, -1]]
const MAX_DROP = 3

// isSolid(x, y, z), isFree(x, y, z): what the world holds at a block.
function findPath (start, goal, { isSolid, isFree, maxNodes = 800, closeEnough = 1, climb = 0 }) {
  const key = (x, y, z) => `${x},${y},${z}`
  const standable = (x, y, z) => isSolid(x, y - 1, z) && isFree(x, y, z) && isFree(x, y + 1, z)
  const h = (x, y, z) => Math.abs(x - goal.x) + Math.abs(y - goal.y) + Math.abs(z - goal.z)
  const open = [{ x: start.x, y: start.y, z: start.z, g: 0, f: h(start.x, start.y, start.z), parent: null }]
  const seen = new Map([[key(start.x, start.y, start.z), 0]])
  let best = open[0]
  let expanded = 0
  while (open.length && expanded++ < maxNodes) {
    let at = 0
    for (let i = 1; i < open.length; i++) if (open[i].f < open[at].f) at = i
    const node = open.splice(at, 1)[0]
    const left = h(node.x, node.y, node.z)
    if (left < h(best.x, best.y, best.z)) best = node
    if (left <= closeEnough) return unwind(node)
    for (const [dx, dz] of NEIGHBOURS) {
      const x = node.x + dx
      const z = node.z + dz
      for (const y of nextHeights(node, x, z, standable, isFree, climb)) {
        const g = node.g + 1 + Math.abs(y - node.y)
        const k = key(x, y, z)
        if (seen.has(k) && seen.get(k) <= g) continue
        seen.set(k, g)
        open.push({ x, y, z, g, f: g + h(x, y, z), parent: node })
      }
    }
  }
  // out of reach: go as near as possible
  return unwind(best)
}

function nextHeights (node, x, z, standable, isFree, climb) {
  if (standable(x, node.y, z)) return [node.y]
  if (isFree(node.x, node.y + 2, node.z) && standable(x, node.y + 1, z)) return [node.y + 1]
  for (let up = 2; up <= climb && isFree(node.x, node.y + up, node.z); up++) {
    if (isFree(node.x, node.y + up + 1, node.z) && standable(x, node.y + up, z)) return [node.y + up]
  }
  if (!isFree(x, node.y, z) || !isFree(x, node.y + 1, z)) return []
  for (let drop = 1; drop <= MAX_DROP; drop++) {
    if (standable(x, node.y - drop, z)) return [node.y - drop]
    if (!isFree(x, node.y - drop, z)) return []
  }
  return []
}

function unwind (node) {
  const path = []
  for (let n = node; n.parent; n = n.parent) path.push({ x: n.x, y: n.y, z: n.z })
  return path.reverse()
}

module.exports = { findPath }
