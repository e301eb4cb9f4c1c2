// Item stacks on the server side: prismarine-item Items plus the comparisons
// and conversions the window, drop and save code share.
'use strict'

function createItems (registry) {
  const Item = require('prismarine-item')(registry)

  function make (name, count = 1, nbt = null) {
    const def = registry.itemsByName[name]
    if (!def) throw new Error(`unknown item ${JSON.stringify(name)}`)
    return new Item(def.id, count, nbt ?? undefined)
  }

  function copy (item, count = item?.count) {
    if (!item || count <= 0) return null
    return new Item(item.type, count, item.nbt ? JSON.parse(JSON.stringify(item.nbt)) : undefined)
  }

  function sameItem (a, b) {
    return !!a && !!b && a.type === b.type && JSON.stringify(a.nbt ?? null) === JSON.stringify(b.nbt ?? null)
  }

  function maxStack (item) {
    return registry.items[item.type]?.stackSize ?? 64
  }

  // What the client was last told, to compare against later.
  function snapshot (item) {
    return item && item.count > 0 ? { type: item.type, count: item.count, nbt: JSON.stringify(item.nbt ?? null) } : null
  }

  function sameSnapshot (a, b) {
    if (!a || !b) return a === b
    return a.type === b.type && a.count === b.count && a.nbt === b.nbt
  }

  function fromNotch (slot) {
    const item = Item.fromNotch(slot)
    return item && item.count > 0 ? item : null
  }

  function toNotch (item) {
    return Item.toNotch(item && item.count > 0 ? item : null)
  }

  function toJSON (item) {
    if (!item) return null
    const out = { name: registry.items[item.type].name, count: item.count }
    if (item.nbt) out.nbt = item.nbt
    return out
  }

  function fromJSON (json) {
    return json ? make(json.name, json.count, json.nbt) : null
  }

  return { Item, make, copy, sameItem, maxStack, snapshot, sameSnapshot, fromNotch, toNotch, toJSON, fromJSON }
}

module.exports = { createItems }
