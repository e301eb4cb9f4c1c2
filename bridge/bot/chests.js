'use strict'
// What the bot knows about the chests around it: "(x, y, z)" -> {item: count}
// once it has looked inside, "Unknown" until then, "Invalid" when the block
// there is no longer a chest.

const { Vec3 } = require('vec3')

const CHEST_NAMES = new Set(['chest', 'trapped_chest', 'barrel'])

function chestKey (pos) {
  return `(${pos.x}, ${pos.y}, ${pos.z})`
}

function itemCounts (items) {
  const counts = {}
  for (const item of items) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

class ChestMemory {
  constructor (bot) {
    this.bot = bot
    this.known = new Map() // key -> {position, contents}
    bot.on('windowClose', (window) => {
      for (const entry of this.known.values()) {
        if (entry.window === window) this.closed(entry.block, window)
      }
    })
  }

  opened (block, window) {
    if (!CHEST_NAMES.has(block.name)) return
    this.known.set(chestKey(block.position), { position: block.position, contents: itemCounts(window.containerItems()), window, block })
  }

  closed (block, window) {
    if (!CHEST_NAMES.has(block.name)) return
    this.known.set(chestKey(block.position), { position: block.position, contents: itemCounts(window.containerItems()), window: null, block })
  }

  // Takes back what an earlier process knew: the observation's nearbyChests.
  restore (chests) {
    if (!chests || typeof chests !== 'object') return
    for (const [key, contents] of Object.entries(chests)) {
      const match = /^\((-?\d+), (-?\d+), (-?\d+)\)$/.exec(key)
      const known = contents === 'Unknown' || (contents && typeof contents === 'object')
      if (!match || !known || this.known.has(key)) continue
      const position = new Vec3(Number(match[1]), Number(match[2]), Number(match[3]))
      this.known.set(key, { position, contents, window: null })
    }
  }

  // `found`: positions of the chest blocks the observer's scan saw around the bot.
  observe (found) {
    for (const pos of found) {
      const key = chestKey(pos)
      if (!this.known.has(key)) this.known.set(key, { position: pos, contents: 'Unknown', window: null })
    }
    const result = {}
    for (const [key, entry] of this.known) {
      const block = this.bot.blockAt(entry.position)
      if (block && !CHEST_NAMES.has(block.name)) {
        result[key] = 'Invalid'
        this.known.delete(key)
      } else {
        result[key] = entry.contents
      }
    }
    return result
  }
}

module.exports = { ChestMemory, chestKey, CHEST_NAMES }
